import { registerAs } from '@nestjs/config';
import { IsOptional, Matches } from 'class-validator';
import { validateEnvironment } from './validate-environment.js';

class DatabaseEnvironment {
  @IsOptional()
  @Matches(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, {
    message: 'DATABASE_URL must be sqlite:<path> or postgres://user@host:port/database',
  })
  DATABASE_URL?: string;
}

/** The one store: SQLite file by default, PostgreSQL when DATABASE_URL says so. */
export const databaseConfig = registerAs('database', () => {
  const env = validateEnvironment(DatabaseEnvironment);
  return { url: env.DATABASE_URL ?? 'sqlite:data/oauth.sqlite' };
});
