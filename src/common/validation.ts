import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidRequestError } from './oauth-errors.js';

function messages(errors: ValidationError[]): string[] {
  return errors.flatMap((error) => [...Object.values(error.constraints ?? {}), ...messages(error.children ?? [])]);
}

/** True when `value`, or any string inside it, holds U+0000. */
function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === 'object') return Object.values(value).some(holdsNul);
  return false;
}

/**
 * Validates every DTO at the edge; a failure is the protocol's `invalid_request`, which each
 * channel's filter renders in its own format. Unknown parameters are dropped (RFC 6749
 * section 3.1: the server MUST ignore unrecognized request parameters).
 *
 * No OAuth parameter may hold a control character (RFC 6749 appendix A), and PostgreSQL text
 * cannot store U+0000 at all: a NUL anywhere in the query, body or path is refused here, so
 * it never reaches a lookup or a rate-limit key on either store.
 */
@Injectable()
export class OAuthValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      transform: true,
      exceptionFactory: (errors) => new InvalidRequestError(messages(errors).join('; ')),
    });
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'custom' && holdsNul(value)) {
      throw new InvalidRequestError('A parameter holds the NUL character');
    }
    return super.transform(value, metadata);
  }
}

export const oauthValidationPipe = (): ValidationPipe => new OAuthValidationPipe();
