import { QueryFailedError } from 'typeorm';

/**
 * Whether the database refused a row because a unique index already holds its key
 * (PostgreSQL SQLSTATE 23505, SQLite SQLITE_CONSTRAINT_UNIQUE): how a conditional insert
 * learns that a concurrent one, in this process or another, won.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
