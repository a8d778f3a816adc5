import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { RequestContext, type RequestContextValues } from '../common/request-context.js';

/** Longest path an access line keeps of a request that matched no route. */
const MAX_PATH = 200;

const contextOf = (request: FastifyRequest): RequestContextValues => ({
  ip: request.ip,
  requestId: String(request.id),
});

/**
 * The path an access line names: the route's pattern (`/oauth/interaction/:interaction`, so no
 * id of a pending authorization or grant is logged), else the path as sent. Never the query,
 * which carries codes and state (RFC 6749 section 4.1.2).
 */
function loggedPath(request: FastifyRequest): string {
  const path = request.routeOptions.url ?? request.url.split('?', 1)[0]!;
  return path.slice(0, MAX_PATH);
}

/** The line logged once the response is sent, outside the request's context: it names its request itself. */
function accessLine(request: FastifyRequest, reply: FastifyReply) {
  return {
    requestId: String(request.id),
    msg: 'request completed',
    method: request.method,
    path: loggedPath(request),
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 10) / 10,
  };
}

/**
 * Gives every request its context (request id, client IP) once its body is read, so that every
 * line logged while serving it names its id; echoes the id as X-Request-Id; and logs one access
 * line per request when the response is sent.
 */
export function registerRequestLogging(fastify: FastifyInstance): void {
  const logger = new Logger('HTTP');
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header('x-request-id', request.id);
    done();
  });
  // Entered once, here: no earlier hook logs, and the body is read in the socket's callbacks,
  // outside any context entered before. Guards, pipes, handlers and filters all run inside it.
  fastify.addHook('preValidation', (request, _reply, done) => RequestContext.run(contextOf(request), done));
  fastify.addHook('onResponse', (request, reply, done) => {
    // Load balancers probe health every few seconds: their lines would drown the others.
    const level = request.url.startsWith('/health/') ? 'debug' : 'log';
    logger[level](accessLine(request, reply));
    done();
  });
}
