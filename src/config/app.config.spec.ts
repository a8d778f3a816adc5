import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { appConfig } from './app.config.js';
import { ConfigurationError } from './validate-environment.js';

const PRODUCTION_SECRET = 'a-production-session-secret-of-32+chars';
const PRODUCTION = { NODE_ENV: 'production', SESSION_SECRET: PRODUCTION_SECRET, ISSUER: 'https://id.example.com' };

describe('appConfig: server identity validated at boot; the issuer is an http(s) URL without query or fragment (RFC 8414 section 2)', () => {
  let saved: NodeJS.ProcessEnv;

  beforeEach(() => {
    saved = process.env;
  });

  afterEach(() => {
    process.env = saved;
  });

  function load(env: Record<string, string>) {
    process.env = { ...env };
    return appConfig();
  }

  /** The message of the ConfigurationError loading `env` throws. */
  function refusal(env: Record<string, string>): string {
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    throw new Error(`Expected ${JSON.stringify(env)} to be refused`);
  }

  it('has development defaults', () => {
    expect(load({})).toMatchObject({
      environment: 'development',
      port: 3000,
      host: '0.0.0.0',
      issuer: 'http://localhost:3000',
      apiAudience: 'http://localhost:3000/api',
      sessionSecretIsEphemeral: true,
      seedDemo: true,
      passwordHashCost: 15,
    });
  });

  it('reads PORT as a number and derives the default issuer from it', () => {
    expect(load({ PORT: '8080' })).toMatchObject({ port: 8080, issuer: 'http://localhost:8080' });
  });

  it.each([
    ['abc', 'PORT must be a whole number'],
    ['3.5', 'PORT must be a whole number'],
    ['70000', 'PORT must be between 0 and 65535'],
    ['-1', 'PORT must be between 0 and 65535'],
  ])('refuses PORT=%s', (port, message) => {
    expect(refusal({ PORT: port })).toContain(message);
  });

  it('drops trailing slashes from ISSUER and derives the API audience from it', () => {
    expect(load({ ISSUER: 'https://id.example.com/' })).toMatchObject({
      issuer: 'https://id.example.com',
      apiAudience: 'https://id.example.com/api',
    });
  });

  it('keeps an explicit API_AUDIENCE', () => {
    expect(load({ ISSUER: 'https://id.example.com', API_AUDIENCE: 'https://api.example.com' }).apiAudience).toBe(
      'https://api.example.com',
    );
  });

  it.each(['not a url', 'id.example.com', 'ftp://id.example.com'])('refuses ISSUER=%s', (issuer) => {
    expect(refusal({ ISSUER: issuer })).toContain('ISSUER must be an http(s) URL');
  });

  it.each(['https://id.example.com/?tenant=1', 'https://id.example.com/tenant?x'])(
    'refuses ISSUER=%s: an issuer has no query',
    (issuer) => {
      expect(refusal({ ISSUER: issuer })).toContain('ISSUER must not have a query or fragment');
    },
  );

  it('refuses an ISSUER with a fragment', () => {
    expect(refusal({ ISSUER: 'https://id.example.com/#top' })).toContain('ISSUER');
  });

  describe('NODE_ENV=production', () => {
    it('requires SESSION_SECRET', () => {
      expect(refusal({ NODE_ENV: 'production' })).toContain('SESSION_SECRET is required when NODE_ENV=production');
    });

    it('requires SESSION_SECRET to be at least 32 characters', () => {
      expect(refusal({ NODE_ENV: 'production', SESSION_SECRET: 'too-short' })).toContain(
        'SESSION_SECRET must be at least 32 characters',
      );
    });

    it('uses the given SESSION_SECRET and does not seed the demo by default', () => {
      expect(load(PRODUCTION)).toMatchObject({
        environment: 'production',
        sessionSecret: PRODUCTION_SECRET,
        sessionSecretIsEphemeral: false,
        seedDemo: false,
      });
    });
  });

  it('refuses a plain-http ISSUER in production (RFC 8414 section 2)', () => {
    expect(refusal({ ...PRODUCTION, ISSUER: 'http://id.example.com' })).toContain(
      'ISSUER must be https when NODE_ENV=production',
    );
  });

  it('refuses an ISSUER ending in a bare "?" (an empty query is still a query component)', () => {
    expect(refusal({ ISSUER: 'https://id.example.com?' })).toContain('ISSUER must not have a query or fragment');
  });

  it('treats an empty variable as unset', () => {
    expect(load({ PORT: '', ISSUER: '' })).toMatchObject({ port: 3000, issuer: 'http://localhost:3000' });
  });

  it('makes up a random session secret outside production when none is set', () => {
    const first = load({}).sessionSecret;
    const second = load({}).sessionSecret;
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first).not.toBe(second);
  });

  describe('SEED_DEMO', () => {
    it('parses "false" as false (not as a non-empty, truthy string)', () => {
      expect(load({ SEED_DEMO: 'false' }).seedDemo).toBe(false);
    });

    it('parses "true" as true, even in production', () => {
      expect(load({ ...PRODUCTION, SEED_DEMO: 'true' }).seedDemo).toBe(true);
    });

    it.each(['yes', '0', 'FALSE'])('refuses SEED_DEMO=%s', (value) => {
      expect(refusal({ SEED_DEMO: value })).toContain('SEED_DEMO must be true or false');
    });
  });

  it.each([
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be development, production or test'],
    [{ PASSWORD_HASH_COST: '9' }, 'PASSWORD_HASH_COST must be between 10 and 20'],
    [{ PASSWORD_HASH_COST: '21' }, 'PASSWORD_HASH_COST must be between 10 and 20'],
    [{ API_AUDIENCE: 'api' }, 'API_AUDIENCE must be an absolute URI'],
  ])('refuses %j', (env, message) => {
    expect(refusal(env)).toContain(message);
  });

  it('names every bad variable in one error', () => {
    const message = refusal({ PORT: 'abc', ISSUER: 'nope', SEED_DEMO: 'maybe' });
    expect(message).toContain('PORT');
    expect(message).toContain('ISSUER');
    expect(message).toContain('SEED_DEMO');
  });
});
