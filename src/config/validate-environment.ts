import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

/** Thrown at start-up when the environment holds a bad value; main prints it and exits 1. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/**
 * Reads the variables a config namespace declares (a class-validator class), converts them
 * and refuses to start on any bad value, naming every offending variable.
 */
export function validateEnvironment<T extends object>(schema: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  // An empty variable (`PORT=`) means unset, as in most shells' and orchestrators' usage.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const values = plainToInstance(schema, set, { enableImplicitConversion: true });
  const errors = validateSync(values, { skipMissingProperties: false });
  if (errors.length > 0) {
    // One message per variable: the first decorator's (class-validator lists them last first).
    const messages = errors.map((error) => Object.values(error.constraints ?? {}).at(-1));
    throw new ConfigurationError(`Invalid configuration:\n${messages.map((m) => `  - ${m}`).join('\n')}`);
  }
  return values;
}

/**
 * A class-transformer transform for true/false variables. It reads the raw text, since
 * implicit conversion would turn 'false' into true; other text stays text so validation can
 * name the variable.
 */
export const booleanVariable = ({ obj, key }: { obj: Record<string, unknown>; key: string }) => {
  const raw = obj[key];
  return raw === 'true' ? true : raw === 'false' ? false : raw;
};
