/**
 * Filler for scenario 7: refresh tokens written straight into the database, so that a store
 * holds a million of them without a million requests first. They are labelled: their client
 * is "Filler (benchmark data)" and their families' ids start with `filler-`.
 *
 * The spread is that of a server in use for a month: families created over the last 30 days,
 * ten tokens each (nine rotated an hour apart, the last one live), random 43-character
 * digests like real SHA-256 base64url ones, so the primary key index is as scattered as
 * production's.
 */
import Database from 'better-sqlite3';
import { withPostgres } from './databases.mjs';

const TOKENS_PER_FAMILY = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;
const CHUNK_FAMILIES = 10_000;

/** The SQL both databases run, with their own functions for padding and random text. */
function statements({ pad, random }) {
  const family = `'filler-' || ${pad('f')}`;
  const createdAt = `(CAST(@now AS BIGINT) - (f % 30) * CAST(${DAY_MS} AS BIGINT))`;
  return {
    families: `INSERT INTO token_families (id, grant_id, client_id, user_id, scopes, auth_time, created_at, expires_at, revoked_at, revoked_reason)
      SELECT ${family}, NULL, @client, @user, '["notes:read"]', ${createdAt}, ${createdAt}, ${createdAt} + ${30 * DAY_MS}, NULL, NULL
      FROM series`,
    tokens: `INSERT INTO refresh_tokens (token_hash, family_id, client_id, created_at, expires_at, rotated_at)
      SELECT ${random}, ${family}, @client, ${createdAt} + k * ${HOUR_MS}, ${createdAt} + ${30 * DAY_MS},
        CASE WHEN k = ${TOKENS_PER_FAMILY - 1} THEN NULL ELSE ${createdAt} + (k + 1) * ${HOUR_MS} END
      FROM series CROSS JOIN ks`,
  };
}

const SQLITE = statements({ pad: (x) => `printf('%029d', ${x})`, random: 'substr(hex(randomblob(22)), 1, 43)' });
const POSTGRES = statements({
  pad: (x) => `lpad(${x}::text, 29, '0')`,
  random: 'substr(md5(random()::text) || md5(random()::text), 1, 43)',
});

async function fillSqlite(file, { client, user, families, firstFamily, now }) {
  const db = new Database(file, { timeout: 30_000 });
  try {
    const series = `WITH RECURSIVE series(f) AS (SELECT @from UNION ALL SELECT f + 1 FROM series WHERE f < @to),
      ks(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM ks WHERE k < ${TOKENS_PER_FAMILY - 1}) `;
    const insertFamilies = db.prepare(series + SQLITE.families);
    const insertTokens = db.prepare(series + SQLITE.tokens);
    for (let from = firstFamily; from < firstFamily + families; from += CHUNK_FAMILIES) {
      const to = Math.min(from + CHUNK_FAMILIES, firstFamily + families) - 1;
      db.transaction(() => {
        insertFamilies.run({ from, to, client, user, now });
        insertTokens.run({ from, to, client, now });
      })();
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** PostgreSQL takes $n parameters: the same statements with @names replaced. */
function numbered(sql, names) {
  return names.reduce((text, name, i) => text.replaceAll(`@${name}`, `$${i + 1}`), sql);
}

async function fillPostgres(url, { client, user, families, firstFamily, now }) {
  await withPostgres(url, async (db) => {
    for (let from = firstFamily; from < firstFamily + families; from += CHUNK_FAMILIES * 5) {
      const to = Math.min(from + CHUNK_FAMILIES * 5, firstFamily + families) - 1;
      const series =
        'WITH series AS (SELECT generate_series(@from::int, @to::int) AS f), ks AS (SELECT generate_series(0, 9) AS k) ';
      await db.query(numbered(series + POSTGRES.families, ['from', 'to', 'client', 'user', 'now']), [
        from,
        to,
        client,
        user,
        now,
      ]);
      await db.query(numbered(series + POSTGRES.tokens, ['from', 'to', 'client', 'now']), [from, to, client, now]);
    }
    // Settle what a bulk insert leaves behind (statistics, visibility map, dirty pages), so that
    // autovacuum and a checkpoint do not stall the rounds that follow, on either store.
    await db.query('VACUUM (ANALYZE) token_families');
    await db.query('VACUUM (ANALYZE) refresh_tokens');
    await db.query('CHECKPOINT').catch(() => {}); // Needs the pg_checkpoint role or a superuser.
  });
}

export async function countRefreshTokens(database) {
  if (database.kind === 'sqlite') {
    const db = new Database(database.file, { readonly: true, timeout: 30_000 });
    try {
      return db.prepare('SELECT count(*) AS n FROM refresh_tokens').get().n;
    } finally {
      db.close();
    }
  }
  return withPostgres(database.url, async (db) =>
    Number((await db.query('SELECT count(*) AS n FROM refresh_tokens')).rows[0].n),
  );
}

/** Adds filler (once per store) until it holds at least `total` refresh tokens; returns how many it holds. */
export async function fillTo(database, total, { client, user }) {
  const missing = total - (await countRefreshTokens(database));
  const families = Math.ceil(Math.max(0, missing) / TOKENS_PER_FAMILY);
  if (families > 0) {
    const options = { client, user, families, firstFamily: 0, now: Date.now() };
    await (database.kind === 'sqlite' ? fillSqlite(database.file, options) : fillPostgres(database.url, options));
  }
  return countRefreshTokens(database);
}
