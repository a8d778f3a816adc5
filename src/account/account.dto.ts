import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The account page's login form. */
export class AccountLoginFormDto {
  @IsString() @MaxLength(256) _csrf!: string;
  @IsString({ message: 'username is required' }) @MaxLength(100) username!: string;
  @IsString({ message: 'password is required' }) @MaxLength(1024) password!: string;
}

/** A form that carries only its CSRF token (revoke, logout). */
export class CsrfFormDto {
  @IsString() @MaxLength(256) _csrf!: string;
}

export class AccountQueryDto {
  @IsOptional() @IsString() failed?: string;
}
