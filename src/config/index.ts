import { appConfig } from './app.config.js';
import { databaseConfig } from './database.config.js';
import { demoClientConfig } from './demo-client.config.js';
import { operationsConfig } from './operations.config.js';
import { retentionConfig } from './retention.config.js';
import { securityConfig } from './security.config.js';
import { tokensConfig } from './tokens.config.js';
import { ConfigurationError } from './validate-environment.js';

/** Every configuration namespace, loaded by the app and the CLI alike. */
export const configNamespaces = [
  appConfig,
  tokensConfig,
  databaseConfig,
  securityConfig,
  operationsConfig,
  retentionConfig,
  demoClientConfig,
];

/**
 * Reads and validates the whole environment before Nest starts, so that a bad value ends
 * the process with one clear message (ConfigurationError) instead of a stack trace.
 */
export function assertValidConfiguration(): void {
  const problems: string[] = [];
  for (const load of configNamespaces) {
    try {
      load();
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      problems.push(...error.message.split('\n').slice(1));
    }
  }
  if (problems.length > 0) throw new ConfigurationError(['Invalid configuration:', ...problems].join('\n'));
}
