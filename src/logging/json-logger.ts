import type { LoggerService } from '@nestjs/common';
import type { Level, Logger } from 'pino';
import { loggableError } from '../common/loggable-error.js';

/** Frames of a stack trace, as Nest recognises a stack passed beside a message. */
const STACK = /\n[ \t]+at .+:\d+:\d+/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Nest's LoggerService over pino, so that Nest, `new Logger(context)` and the app all write
 * the same JSON lines. Nest passes `(message, ...params, context)`: the trailing string is the
 * context, a string with stack frames is a stack, plain objects are fields of the line. An
 * Error keeps its class and frames, not its message (see loggableError).
 */
export class JsonLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    if (!this.pino.isLevelEnabled(level)) return;
    const fields: Record<string, unknown> = {};
    const texts: string[] = [];
    const last = params.at(-1);
    if (typeof last === 'string' && !STACK.test(last)) fields.context = params.pop();
    for (const part of [message, ...params]) {
      if (isPlainObject(part)) Object.assign(fields, part);
      else if (typeof part === 'string' && STACK.test(part) && part !== message) fields.stack = part;
      else if (part instanceof Error) texts.push(loggableError(part));
      else if (part !== undefined) texts.push(String(part));
    }
    if (texts.length > 0) this.pino[level](fields, texts.join(' '));
    else this.pino[level](fields);
  }
}
