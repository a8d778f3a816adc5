import { type INestApplication, Logger } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';

const SIGNALS = ['SIGTERM', 'SIGINT'];

/**
 * Once the server is closing, every response still to be sent ends its connection
 * (`Connection: close`, RFC 9112 section 9.6). Closing the server closes the keep-alive
 * connections idle at that moment, but a connection busy with a request would otherwise stay
 * open after its response and hold the shutdown for the whole keep-alive timeout (72 s).
 */
export function closeConnectionsOnShutdown(fastify: FastifyInstance): void {
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', (_request, reply, payload, done) => {
    if (closing) void reply.header('connection', 'close');
    done(null, payload);
  });
}

/**
 * Stops the server on SIGTERM (orchestrators) or SIGINT (Ctrl-C) and exits 0. Nest's shutdown
 * runs in order: /health/ready answers 503 and, on SIGTERM, SHUTDOWN_DRAIN_DELAY passes
 * (terminus); Fastify stops listening, closes idle keep-alive connections and waits for the
 * requests in flight; then the database closes. `useProcessExit`: by default Nest re-raises the
 * signal once done, so the process would end by the signal rather than with status 0.
 */
export function shutDownOnSignals(app: INestApplication): void {
  const logger = new Logger('Shutdown');
  for (const signal of SIGNALS) {
    process.once(signal, () => logger.log(`Shutting down on ${signal}: finishing requests in flight`));
  }
  app.enableShutdownHooks(SIGNALS, { useProcessExit: true });
}
