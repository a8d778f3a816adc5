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
export function validateEnvironment<T extends object>(
  schema: new () => T,
  env: NodeJS.ProcessEnv = process.env,
): T {
  const values = plainToInstance(schema, { ...env }, { enableImplicitConversion: true });
  const errors = validateSync(values, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((error) =>
      Object.values(error.constraints ?? {}).map((message) => `  - ${message}`),
    );
    throw new ConfigurationError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return values;
}
