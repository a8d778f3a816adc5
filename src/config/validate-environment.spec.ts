import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { ConfigurationError, validateEnvironment } from './validate-environment.js';

class ExampleEnvironment {
  @IsOptional()
  @IsInt({ message: 'WORKERS must be a whole number' })
  @Min(1, { message: 'WORKERS must be between 1 and 8' })
  @Max(8, { message: 'WORKERS must be between 1 and 8' })
  WORKERS?: number;

  @IsString({ message: 'NAME is required' })
  NAME?: string;
}

/** The ConfigurationError `action` throws; fails the spec if it throws nothing. */
function configurationErrorOf(action: () => unknown): ConfigurationError {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error('Expected a ConfigurationError, but nothing was thrown');
}

describe('validateEnvironment: config is validated at boot and every bad variable is named (STYLE principle 8)', () => {
  it('returns the declared variables, converted to their types', () => {
    const env = validateEnvironment(ExampleEnvironment, { WORKERS: '4', NAME: 'server' });
    expect(env).toBeInstanceOf(ExampleEnvironment);
    expect(env.WORKERS).toBe(4);
    expect(env.NAME).toBe('server');
  });

  it('leaves optional variables that are not set undefined', () => {
    expect(validateEnvironment(ExampleEnvironment, { NAME: 'server' }).WORKERS).toBeUndefined();
  });

  it('refuses a bad value with a ConfigurationError naming the variable', () => {
    const error = configurationErrorOf(() =>
      validateEnvironment(ExampleEnvironment, { WORKERS: 'many', NAME: 'server' }),
    );
    expect(error.name).toBe('ConfigurationError');
    expect(error.message).toContain('Invalid configuration:');
    expect(error.message).toContain('  - WORKERS must be a whole number');
  });

  it('names every offending variable at once, one per line', () => {
    const error = configurationErrorOf(() => validateEnvironment(ExampleEnvironment, { WORKERS: '9' }));
    expect(error.message.split('\n')).toEqual(
      expect.arrayContaining(['  - WORKERS must be between 1 and 8', '  - NAME is required']),
    );
  });

  it('reads process.env when no environment is given', () => {
    const saved = process.env;
    process.env = { NAME: 'from-process-env' };
    try {
      expect(validateEnvironment(ExampleEnvironment).NAME).toBe('from-process-env');
    } finally {
      process.env = saved;
    }
  });
});
