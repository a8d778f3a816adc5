import { JsonLogger } from '../../src/logging/json-logger.js';
import { createPinoLogger } from '../../src/logging/pino-logger.js';

/** One line as the server writes it: level, time, requestId (while serving a request), context, msg, fields. */
export type LogEntry = Record<string, unknown> & { level: string; time: string; msg?: string; requestId?: string };

/**
 * The server's own JSON logger (pino, redaction and all) at every level, writing into memory:
 * pass `logger` to startTestApp and read what the app would have written to stdout.
 */
export class LogCapture {
  /** Each line exactly as written, newline included. */
  readonly raw: string[] = [];
  readonly logger = new JsonLogger(
    createPinoLogger({ level: 'trace', destination: { write: (line: string) => void this.raw.push(line) } }),
  );

  entries(): LogEntry[] {
    return this.raw.map((line) => JSON.parse(line) as LogEntry);
  }

  /** The lines logged while serving the request with this id. */
  ofRequest(requestId: string): LogEntry[] {
    return this.entries().filter((entry) => entry.requestId === requestId);
  }
}
