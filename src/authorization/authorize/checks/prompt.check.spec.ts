import { describe, expect, it } from '@jest/globals';
import { InvalidRequestError } from '../../../common/oauth-errors.js';
import type { AuthorizationContext } from '../authorization-context.js';
import { checkMaxAge } from './max-age.check.js';
import { checkPrompt } from './prompt.check.js';

const context = (params: AuthorizationContext['params']): AuthorizationContext => ({ params });

describe('checkPrompt: OpenID Connect Core section 3.1.2.1', () => {
  it.each([
    [undefined, []],
    ['none', ['none']],
    ['login', ['login']],
    ['login consent', ['login', 'consent']],
  ])('prompt=%s -> %j', (prompt, expected) => {
    const c = context({ prompt });
    checkPrompt(c);
    expect(c.prompts).toEqual(expected);
  });

  it.each(['none login', 'consent none'])('refuses "%s": none cannot be combined', (prompt) => {
    expect(() => checkPrompt(context({ prompt }))).toThrow(InvalidRequestError);
  });

  it.each(['select_account', 'bogus', 'LOGIN'])('refuses the unsupported value %s', (prompt) => {
    expect(() => checkPrompt(context({ prompt }))).toThrow(/Unsupported prompt value/);
  });
});

describe('checkMaxAge: OpenID Connect Core section 3.1.2.1', () => {
  it.each([
    [undefined, undefined],
    ['0', 0],
    ['3600', 3600],
  ])('max_age=%s -> %s', (max_age, expected) => {
    const c = context({ max_age });
    checkMaxAge(c);
    expect(c.maxAge).toBe(expected);
  });

  it.each(['-1', '1.5', 'abc', '1e3', '9999999999'])('refuses max_age=%s with invalid_request', (max_age) => {
    expect(() => checkMaxAge(context({ max_age }))).toThrow(InvalidRequestError);
  });
});
