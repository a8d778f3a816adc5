import { applyDecorators, Header } from '@nestjs/common';

/**
 * RFC 6749 section 5.1: responses carrying tokens or credentials MUST NOT be cached. Set by the
 * route itself rather than by an interceptor, which would put every request of these hot routes
 * through Nest's observable pipeline; error responses get the same headers from their filters.
 */
export const NoStore = (): MethodDecorator =>
  applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));
