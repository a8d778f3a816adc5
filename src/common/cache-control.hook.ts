import type { onSendHookHandler } from 'fastify';

/**
 * Nothing is cached unless its route says so (discovery, JWKS and the stylesheet do). Pages
 * always get `no-store`: they carry CSRF tokens, personal data or, on the demo client's page,
 * the flow inspector; redirects carry codes in their Location. One hook covers controllers and
 * exception filters alike.
 */
export const noStoreByDefault: onSendHookHandler = async (_request, reply, payload) => {
  const isPage = String(reply.getHeader('content-type') ?? '').startsWith('text/html');
  if (isPage || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  return payload;
};
