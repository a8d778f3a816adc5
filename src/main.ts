import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { createApp } from './app.factory.js';
import { appConfig } from './config/app.config.js';
import { assertValidConfiguration } from './config/index.js';
import { operationsConfig } from './config/operations.config.js';
import { ConfigurationError } from './config/validate-environment.js';
import { shutDownOnSignals } from './graceful-shutdown.js';
import { JsonLogger } from './logging/json-logger.js';
import { createPinoLogger } from './logging/pino-logger.js';

async function main(): Promise<void> {
  assertValidConfiguration();
  // One JSON object per line on stdout, for the platform's log collector.
  const app = await createApp({ logger: new JsonLogger(createPinoLogger({ level: operationsConfig().logLevel })) });
  const config = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  if (config.sessionSecretIsEphemeral) {
    Logger.warn('SESSION_SECRET is not set: using a random one, so logins end when the server restarts', 'Config');
  }
  await app.listen(config.port, config.host);
  Logger.log(`Authorization server listening at ${config.issuer}`, 'Main');
  shutDownOnSignals(app);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exit(1);
});
