import { Reflector } from '@nestjs/core';

/**
 * Marks a route that also serves tokens a client obtained for itself (client_credentials,
 * RFC 6749 section 4.4). Such a token has no user behind it, so every route without this
 * mark, one that acts for a user, refuses it.
 */
export const AllowClientTokens = Reflector.createDecorator<void, true>({ transform: () => true });
