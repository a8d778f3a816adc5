import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** An incoming id is kept only as a short token: it goes into every log line of its request. */
const SANE_REQUEST_ID = /^[\w.:-]{1,64}$/;

/**
 * Fastify's `genReqId`: the X-Request-Id a proxy or client sent, when it is a sane token, so
 * that one id follows the request across services; otherwise a random UUID.
 */
export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}
