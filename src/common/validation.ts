import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidRequestError } from './oauth-errors.js';

function messages(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [...Object.values(error.constraints ?? {}), ...messages(error.children ?? [])]);
}

/**
 * Validates every DTO at the edge; a failure is the protocol's `invalid_request`, which each
 * channel's filter renders in its own format. Unknown parameters are dropped (RFC 6749
 * section 3.1: the server MUST ignore unrecognized request parameters).
 */
export function oauthValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    transform: true,
    exceptionFactory: (errors) => new InvalidRequestError(messages(errors).join('; ')),
  });
}
