import { IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import type { AuthorizationResponse } from './oauth/authorization-response.js';
import { API_RESOURCES, type ApiResource } from './oauth/demo-api-client.service.js';

/** What the browser brings to the redirect URI; the client judges it (see authorization-response.ts). */
export class CallbackQueryDto implements AuthorizationResponse {
  @IsOptional() @IsString() @MaxLength(4096) code?: string;
  @IsOptional() @IsString() @MaxLength(4096) state?: string;
  @IsOptional() @IsString() @MaxLength(4096) iss?: string;
  @IsOptional() @IsString() @MaxLength(256) error?: string;
  @IsOptional() @IsString() @MaxLength(4096) error_description?: string;
}

/** A form of the demo client that carries only its CSRF token (checked by DemoSessionInterceptor). */
export class DemoFormDto {
  @IsString() @MaxLength(256) _csrf!: string;
}

export class NoteFormDto extends DemoFormDto {
  @IsString({ message: 'text is required' })
  @Length(1, 2000, { message: 'A note has 1 to 2000 characters' })
  text!: string;
}

export class ApiResourceParams {
  @IsIn(API_RESOURCES, { message: `resource must be one of ${API_RESOURCES.join(', ')}` })
  resource!: ApiResource;
}
