import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * An optional OAuth request parameter: a single string (a repeated parameter arrives as an
 * array and is refused, RFC 6749 section 3.1) of bounded length. RFC 6749 section 3.1:
 * parameters sent without a value MUST be treated as if they were omitted.
 */
export function OAuthParameter(maxLength = 2048): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value)),
    IsOptional(),
    IsString({ message: '$property must be sent once, as text' }),
    MaxLength(maxLength, { message: `$property must be at most ${maxLength} characters` }),
  );
}
