import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { demoClientConfig } from './demo-client.config.js';
import { ConfigurationError } from './validate-environment.js';

describe('demoClientConfig: where the demo client reaches the server, validated at boot', () => {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = process.env;
  });
  afterEach(() => {
    process.env = saved;
  });

  function load(env: Record<string, string>) {
    process.env = { ...env };
    return demoClientConfig();
  }

  it('uses the issuer by default (no back-channel URL of its own)', () => {
    expect(load({})).toEqual({ backChannelUrl: undefined });
  });

  it('reads DEMO_CLIENT_BACKCHANNEL_URL without its trailing slash', () => {
    expect(load({ DEMO_CLIENT_BACKCHANNEL_URL: 'http://127.0.0.1:3000/' })).toEqual({
      backChannelUrl: 'http://127.0.0.1:3000',
    });
  });

  it.each([
    [{ DEMO_CLIENT_BACKCHANNEL_URL: 'localhost:3000' }, 'DEMO_CLIENT_BACKCHANNEL_URL must be an http(s) URL'],
    [{ DEMO_CLIENT_BACKCHANNEL_URL: 'ftp://host' }, 'DEMO_CLIENT_BACKCHANNEL_URL must be an http(s) URL'],
    [{ DEMO_CLIENT_BACKCHANNEL_URL: 'http://host/?x=1' }, 'must not have a query or fragment'],
    [
      { DEMO_CLIENT_BACKCHANNEL_URL: 'http://host/#top' },
      'DEMO_CLIENT_BACKCHANNEL_URL must not have a query or fragment',
    ],
  ])('refuses %j', (env, message) => {
    expect(() => load(env)).toThrow(ConfigurationError);
    expect(() => load(env)).toThrow(message);
  });
});
