import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { IsUrl, validateSync } from 'class-validator';

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
    throw configurationError(
      ...errors.map((error) => Object.values(error.constraints ?? {}).at(-1) ?? `${error.property} is invalid`),
    );
  }
  return values;
}

/** The error naming each problem on its own line, as main prints it. */
export function configurationError(...problems: string[]): ConfigurationError {
  return new ConfigurationError(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
}

/** A class-validator decorator for a variable holding an absolute http(s) URL such as `example`. */
export const IsHttpUrl = (example: string) =>
  IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: `$property must be an http(s) URL such as ${example}` },
  );

/**
 * A base URL read from `name` (already checked by IsHttpUrl): without trailing slashes, since
 * paths are appended to it, and refused with a query or fragment (even an empty one), which
 * the paths would land inside. `rule`, if given, is cited in the refusal.
 */
export function baseUrl(name: string, raw: string, rule?: string): string {
  const url = raw.replace(/\/+$/, '');
  if (/[?#]/.test(url)) {
    throw configurationError(`${name} must not have a query or fragment${rule ? ` (${rule})` : ''}`);
  }
  return url;
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
