import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { UserRegistrationError } from '../accounts/account.service.js';
import { ClientRegistrationError } from '../client-registry/client-registry.service.js';
import { assertValidConfiguration } from '../config/index.js';
import { ConfigurationError } from '../config/validate-environment.js';
import { CliModule } from './cli.module.js';
import { COMMANDS, UsageError, type Options } from './commands.js';

const HELP = [
  'Usage: npm run --silent cli -- COMMAND [options]',
  '',
  ...Object.values(COMMANDS).map((c) => `  ${c.usage}`),
].join('\n');

/** Errors a person can fix; anything else is a bug and keeps its stack trace. */
const EXPECTED = [UsageError, ClientRegistrationError, UserRegistrationError, ConfigurationError];

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  const command = name ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(name ? `Unknown command "${name}"\n\n${HELP}` : HELP);
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\nUsage: ${command.usage}`);
  }
  assertValidConfiguration();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: false, abortOnError: false });
  try {
    const result = await command.run(app, parsed.values as Options, parsed.positionals);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const expected = EXPECTED.some((type) => error instanceof type);
  process.stderr.write(`${expected ? (error as Error).message : String((error as Error)?.stack ?? error)}\n`);
  process.exit(1);
});
