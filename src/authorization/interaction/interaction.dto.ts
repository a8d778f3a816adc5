import { IsIn, IsString, MaxLength } from 'class-validator';

/** The login form: the pending authorization's id, the CSRF token and the credentials. */
export class LoginFormDto {
  @IsString() @MaxLength(64) interaction!: string;
  @IsString() @MaxLength(256) _csrf!: string;
  @IsString({ message: 'username is required' }) @MaxLength(100) username!: string;
  @IsString({ message: 'password is required' }) @MaxLength(1024) password!: string;
}

/** The consent form: which pending authorization, the CSRF token and the decision. */
export class ConsentFormDto {
  @IsString() @MaxLength(64) interaction!: string;
  @IsString() @MaxLength(256) _csrf!: string;
  @IsIn(['approve', 'deny'], { message: 'decision must be approve or deny' }) decision!: 'approve' | 'deny';
}
