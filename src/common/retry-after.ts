import type { FastifyReply } from 'fastify';
import { TooManyRequestsError, type OAuthError } from './oauth-errors.js';

/** RFC 6585 section 4: a 429 says when to try again. */
export function setRetryAfter(reply: FastifyReply, error: OAuthError): void {
  if (error instanceof TooManyRequestsError) reply.header('retry-after', String(error.retryAfter));
}
