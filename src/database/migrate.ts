import { DataSource, type DataSourceOptions } from 'typeorm';

/**
 * One lock per schema: each schema is its own deployment (the e2e tests give every app one),
 * and `coalesce` keeps the key defined when search_path names no existing schema.
 */
const MIGRATION_LOCK = `hashtextextended('nest-oauth-server migrations ' || coalesce(current_schema(), ''), 0)`;

/**
 * Opens the DataSource and applies the pending migrations: here, not in `initialize`, so
 * `options` (buildDataSourceOptions) leave `migrationsRun` off.
 *
 * On PostgreSQL several instances (and the CLI) may start at once on one database, and
 * TypeORM takes no lock: each reads the same pending list, and all but one fail on a table
 * that now exists (Nest logs "Unable to connect to the database" and retries 3 s later). A
 * session advisory lock lets one process migrate while the others wait, then find nothing
 * pending. A SQLite file serves one process, so it needs none.
 */
export async function openAndMigrate(options: DataSourceOptions): Promise<DataSource> {
  const dataSource = await new DataSource(options).initialize();
  try {
    if (options.type === 'postgres') await withMigrationLock(dataSource, () => dataSource.runMigrations());
    else await dataSource.runMigrations();
    return dataSource;
  } catch (error) {
    // Nest retries with a new DataSource: this one must not keep its connections open.
    await dataSource.destroy();
    throw error;
  }
}

/** Holds the advisory lock on a connection of its own while `work` runs on others of the pool. */
async function withMigrationLock(dataSource: DataSource, work: () => Promise<unknown>): Promise<void> {
  const lockHolder = dataSource.createQueryRunner();
  await lockHolder.connect();
  try {
    await lockHolder.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await work();
    } finally {
      await lockHolder.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await lockHolder.release();
  }
}
