import { applyDecorators } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * An optional OAuth request parameter: a single string (a repeated parameter arrives as an
 * array and is refused, RFC 6749 section 3.1) of bounded length.
 */
export function OAuthParameter(maxLength = 2048): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsString({ message: '$property must be sent once, as text' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
  );
}
