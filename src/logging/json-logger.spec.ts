import { describe, expect, it } from '@jest/globals';
import { RequestContext } from '../common/request-context.js';
import type { LogLevel } from '../config/operations.config.js';
import { JsonLogger } from './json-logger.js';
import { createPinoLogger } from './pino-logger.js';

/** A JsonLogger whose lines are kept, parsed, instead of written to stdout. */
function capture(level: LogLevel = 'trace') {
  const raw: string[] = [];
  const logger = new JsonLogger(createPinoLogger({ level, destination: { write: (line: string) => raw.push(line) } }));
  return { logger, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('JsonLogger: Nest log calls as one JSON object per line', () => {
  it('writes level, ISO time, context and msg, one object per line', () => {
    const { logger, raw, lines } = capture();
    logger.log('listening', 'Main');
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatch(/^\{.*\}\n$/);
    expect(lines()[0]).toEqual({
      level: 'info',
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      context: 'Main',
      msg: 'listening',
    });
  });

  it("maps Nest's levels to pino's and drops those below LOG_LEVEL", () => {
    const { logger, lines } = capture('debug');
    logger.verbose('not kept', 'A');
    logger.debug('d', 'A');
    logger.warn('w', 'A');
    logger.fatal('f', 'A');
    expect(lines().map(({ level, msg }) => [level, msg])).toEqual([
      ['debug', 'd'],
      ['warn', 'w'],
      ['fatal', 'f'],
    ]);
  });

  it("reads Nest's error arguments: (message, stack, context) and (message, undefined, context)", () => {
    const { logger, lines } = capture();
    const stack = 'Error: boom\n    at run (/app/x.js:1:2)';
    logger.error('failed', stack, 'Ctx');
    logger.error('failed again', undefined, 'Ctx');
    expect(lines()).toEqual([
      expect.objectContaining({ level: 'error', context: 'Ctx', msg: 'failed', stack }),
      expect.objectContaining({ level: 'error', context: 'Ctx', msg: 'failed again' }),
    ]);
  });

  it('keeps the class and frames of an Error, never its message', () => {
    const { logger, raw } = capture();
    logger.error(new TypeError('password was hunter2'), 'Ctx');
    expect(raw[0]).toContain('TypeError (message withheld)');
    expect(raw[0]).not.toContain('hunter2');
  });

  it("adds the current request's id to every line logged while serving it", () => {
    const { logger, lines } = capture();
    RequestContext.run({ ip: '127.0.0.1', requestId: 'req-1' }, () => logger.log('inside', 'A'));
    logger.log('outside', 'A');
    expect(lines()).toEqual([
      expect.objectContaining({ requestId: 'req-1', msg: 'inside' }),
      expect.not.objectContaining({ requestId: expect.anything() }),
    ]);
  });

  it('turns a plain object into fields, redacting secret fields at any of three levels', () => {
    const { logger, raw, lines } = capture();
    logger.log(
      {
        msg: 'token request',
        client_secret: 's3cret-1',
        body: { code: 'c0de-2', refresh_token: 'rt-3', scope: 'openid' },
        req: { headers: { authorization: 'Basic YTpi', cookie: 'oauth_session=x4', 'set-cookie': 'y5' } },
      },
      'Token',
    );
    expect(lines()[0]).toMatchObject({
      context: 'Token',
      msg: 'token request',
      client_secret: '[REDACTED]',
      body: { code: '[REDACTED]', refresh_token: '[REDACTED]', scope: 'openid' },
      req: { headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', 'set-cookie': '[REDACTED]' } },
    });
    for (const secret of ['s3cret-1', 'c0de-2', 'rt-3', 'YTpi', 'x4', 'y5']) expect(raw[0]).not.toContain(secret);
  });

  it('scrubs secrets quoted in the message, a stack and other text fields', () => {
    const { logger, raw } = capture();
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.sig';
    logger.error(`rejected Bearer abc123 for /cb?code=xyz789`, `Error: ${jwt}\n    at f (/a.js:1:1)`, 'Ctx');
    logger.log({ msg: 'note', path: `/x/${jwt}` }, 'Ctx');
    for (const secret of ['abc123', 'xyz789', jwt]) expect(raw.join('')).not.toContain(secret);
    expect(raw.join('')).toContain('Bearer [REDACTED]');
  });
});
