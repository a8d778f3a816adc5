import type { DataSourceOptions } from 'typeorm';
import type BetterSqlite3 from 'better-sqlite3';
import { DemoClientSessionEntity } from '../demo-client/session/demo-client-session.entity.js';
import * as entityClasses from './entities/index.js';
import { InitialSchema1763750000000 } from './migrations/1763750000000-initial-schema.js';
import { PromptAndMaxAge1763760000000 } from './migrations/1763760000000-prompt-and-max-age.js';
import { RateLimits1763770000000 } from './migrations/1763770000000-rate-limits.js';
import { SecurityEvents1763780000000 } from './migrations/1763780000000-security-events.js';
import { RetentionIndexes1763795000000 } from './migrations/1763795000000-retention-indexes.js';
import { DemoClientSessions1763810000000 } from './migrations/1763810000000-demo-client-sessions.js';
import { RevocationSync1763820000000 } from './migrations/1763820000000-revocation-sync.js';

/**
 * Every entity the index exports; adding one there registers it. The demo client's table is
 * its own (src/demo-client), in the same database for convenience only.
 */
const entities = [...Object.values(entityClasses), DemoClientSessionEntity];

export const migrations = [
  InitialSchema1763750000000,
  PromptAndMaxAge1763760000000,
  RateLimits1763770000000,
  SecurityEvents1763780000000,
  RetentionIndexes1763795000000,
  DemoClientSessions1763810000000,
  RevocationSync1763820000000,
];

/**
 * The one place that turns DATABASE_URL into TypeORM options: the app, the CLI and
 * `ormconfig.ts` (the migration CLI's DataSource) all use it. The schema comes only from
 * migrations; `synchronize` stays off.
 */
export function buildDataSourceOptions(url: string): DataSourceOptions {
  const common = { entities, migrations, synchronize: false, migrationsRun: false } as const;
  if (url.startsWith('sqlite:')) {
    return {
      ...common,
      type: 'better-sqlite3',
      database: url.slice('sqlite:'.length),
      enableWAL: true,
      // busy_timeout: another process on the file (the CLI) waits for a lock instead of failing.
      timeout: 5000,
      prepareDatabase: (db: BetterSqlite3.Database) => {
        // NORMAL is durable across a process crash in WAL mode and ten times faster than FULL.
        db.pragma('synchronous = NORMAL');
        // Checkpoint every 10,000 pages (a WAL of about 40 MB) rather than SQLite's 1,000: the
        // pages every write touches (index roots, the newest leaves) are then copied back far less
        // often, and a refresh (one update, one insert) costs about 40% less. Durability is the same.
        db.pragma('wal_autocheckpoint = 10000');
        // SQLite's own default page cache, 2 MB (better-sqlite3 raises it to 16 MB): the process
        // then stops growing once that is full, however large the file. Token lookups are random
        // reads by key that a cache of either size misses; the OS page cache serves them.
        db.pragma('cache_size = -2000');
        // TypeORM's driver turns it on as well; said here so that no driver default is relied on.
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return { ...common, type: 'postgres', url };
}
