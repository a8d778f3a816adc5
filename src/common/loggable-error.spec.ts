import { describe, expect, it } from '@jest/globals';
import { loggableError } from './loggable-error.js';

const SECRET = 'correct horse battery staple';

describe('loggableError', () => {
  it('keeps the class and the stack frames, never the message', () => {
    const line = loggableError(new Error(`Could not parse ${SECRET}`));
    expect(line).toMatch(/^Error \(message withheld\)\n\s+at /);
    expect(line).toContain('loggable-error.spec.ts');
    expect(line).not.toContain(SECRET);
  });

  it('withholds a multi-line message and keeps a driver code', () => {
    const error = Object.assign(new TypeError(`first line\n    at ${SECRET}\nlast`), { code: 'SQLITE_CONSTRAINT' });
    const line = loggableError(error);
    expect(line).toMatch(/^TypeError SQLITE_CONSTRAINT \(message withheld\)\n\s+at /);
    expect(line).not.toContain(SECRET);
  });

  it("withholds JSON.parse's quote of its input", () => {
    const password = 'hunter2!';
    let error: unknown;
    try {
      JSON.parse(password);
    } catch (caught) {
      error = caught;
    }
    expect(String(error)).toContain(password);
    expect(loggableError(error)).toMatch(/^SyntaxError \(message withheld\)\n\s+at /);
    expect(loggableError(error)).not.toContain(password);
  });

  it('drops the whole stack when the message was changed after the stack was taken', () => {
    const error = new Error(SECRET);
    expect(error.stack).toContain(SECRET);
    error.message = 'rewritten';
    expect(loggableError(error)).toBe('Error (message withheld)');
  });

  it('a code that is not a plain identifier, or a non-Error value, is not quoted', () => {
    expect(loggableError(Object.assign(new Error('x'), { code: SECRET }))).not.toContain(SECRET);
    expect(loggableError(SECRET)).toBe('Unexpected string thrown');
    expect(loggableError({ password: SECRET })).toBe('Unexpected object thrown');
  });
});
