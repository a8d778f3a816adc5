import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { operationsConfig } from './operations.config.js';
import { ConfigurationError } from './validate-environment.js';

describe('operationsConfig: log level and shutdown drain, validated at boot', () => {
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = process.env;
  });
  afterEach(() => {
    process.env = saved;
  });

  function load(env: Record<string, string>) {
    process.env = { ...env };
    return operationsConfig();
  }

  it('logs at info and closes at once by default', () => {
    expect(load({})).toEqual({ logLevel: 'info', shutdownDrainDelay: 0 });
  });

  it('reads LOG_LEVEL and SHUTDOWN_DRAIN_DELAY', () => {
    expect(load({ LOG_LEVEL: 'debug', SHUTDOWN_DRAIN_DELAY: '15' })).toEqual({
      logLevel: 'debug',
      shutdownDrainDelay: 15,
    });
  });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent'],
    [{ SHUTDOWN_DRAIN_DELAY: '-1' }, 'SHUTDOWN_DRAIN_DELAY must be between 0 and 300 seconds'],
    [{ SHUTDOWN_DRAIN_DELAY: '1.5' }, 'SHUTDOWN_DRAIN_DELAY must be a whole number of seconds'],
  ])('refuses %j', (env, message) => {
    expect(() => load(env)).toThrow(ConfigurationError);
    expect(() => load(env)).toThrow(message);
  });
});
