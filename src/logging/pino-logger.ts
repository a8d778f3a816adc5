import { pino, type DestinationStream, type Logger } from 'pino';
import { RequestContext } from '../common/request-context.js';
import type { LogLevel } from '../config/operations.config.js';
import { REDACTED, redactPaths, scrubSecrets } from './redaction.js';

export interface PinoLoggerOptions {
  level: LogLevel;
  /** Where the lines go: stdout by default (synchronously, so no line is lost at exit). */
  destination?: DestinationStream;
}

/** Top-level strings of a line (a stack, a path) scrubbed like the message. */
function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? scrubSecrets(value) : value]),
  );
}

/**
 * One JSON object per line: `level` (a name), `time` (ISO 8601), `requestId` while serving a
 * request, then the line's own fields and `msg`. Secret fields are replaced by pino's
 * `redact`, secrets quoted in text by scrubSecrets.
 */
export function createPinoLogger({ level, destination }: PinoLoggerOptions): Logger {
  return pino(
    {
      level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: redactPaths(), censor: REDACTED },
      mixin: () => {
        const request = RequestContext.current();
        return request ? { requestId: request.requestId } : {};
      },
      formatters: { level: (label) => ({ level: label }), log: scrubFields },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg: unknown) => (typeof arg === 'string' ? scrubSecrets(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
