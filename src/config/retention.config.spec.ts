import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { retentionConfig } from './retention.config.js';
import { ConfigurationError } from './validate-environment.js';

describe('retentionConfig: how often the purge runs and how long the audit trail is kept, validated at boot', () => {
  let saved: NodeJS.ProcessEnv;

  beforeEach(() => {
    saved = process.env;
  });

  afterEach(() => {
    process.env = saved;
  });

  function load(env: Record<string, string>) {
    process.env = { ...env };
    return retentionConfig();
  }

  function refusal(env: Record<string, string>): string {
    try {
      load(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    throw new Error(`Expected ${JSON.stringify(env)} to be refused`);
  }

  it('has defaults: a purge every 10 minutes, 90 days of audit trail', () => {
    expect(load({})).toEqual({ purgeInterval: 600, auditRetentionDays: 90 });
  });

  it('reads PURGE_INTERVAL in seconds, 0 turning the scheduled purge off, and AUDIT_RETENTION_DAYS in days', () => {
    expect(load({ PURGE_INTERVAL: '0', AUDIT_RETENTION_DAYS: '365' })).toEqual({
      purgeInterval: 0,
      auditRetentionDays: 365,
    });
  });

  it.each([
    [{ PURGE_INTERVAL: '-1' }, 'PURGE_INTERVAL must be between 0 (off) and 86400 seconds'],
    [{ PURGE_INTERVAL: '86401' }, 'PURGE_INTERVAL must be between 0 (off) and 86400 seconds'],
    [{ PURGE_INTERVAL: 'hourly' }, 'PURGE_INTERVAL must be a whole number of seconds'],
    [{ AUDIT_RETENTION_DAYS: '0' }, 'AUDIT_RETENTION_DAYS must be at least 1'],
    [{ AUDIT_RETENTION_DAYS: '1.5' }, 'AUDIT_RETENTION_DAYS must be a whole number of days'],
  ])('refuses %j', (env, message) => {
    expect(refusal(env)).toContain(message);
  });
});
