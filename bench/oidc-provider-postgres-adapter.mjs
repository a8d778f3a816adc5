/**
 * A PostgreSQL adapter for oidc-provider, so that the comparison can also be made with a
 * server that, like ours, commits every code, token, grant and session before it answers.
 * One table for every model, keyed by (model, id), the payload as jsonb, with the columns
 * oidc-provider looks things up by (grant, session uid, user code) indexed; each operation is
 * one statement on a pool of connections, as our TypeORM pool is.
 *
 * The adapter contract (oidc-provider's lib/adapters): `find` answers nothing for an expired
 * entry, and a consumed one carries `consumed`; `revokeByGrantId` removes everything of a grant.
 */
import pg from 'pg';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS oidc_payloads (
    model text NOT NULL,
    id text NOT NULL,
    payload jsonb NOT NULL,
    grant_id text,
    uid text,
    user_code text,
    expires_at timestamptz,
    PRIMARY KEY (model, id)
  );
  CREATE INDEX IF NOT EXISTS oidc_payloads_grant_id ON oidc_payloads (grant_id);
  CREATE INDEX IF NOT EXISTS oidc_payloads_uid ON oidc_payloads (uid);
  CREATE INDEX IF NOT EXISTS oidc_payloads_user_code ON oidc_payloads (user_code);
`;

const LIVE = '(expires_at IS NULL OR expires_at > now())';

/** @returns the adapter class for `new Provider(issuer, { adapter })`, on a pool of `url` with the table made. */
export async function postgresAdapter(url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query(SCHEMA);
  // Named statements are parsed and planned once per connection, as ours are on PostgreSQL.
  const rows = async (name, text, values) => (await pool.query({ name: `oidc_${name}`, text, values })).rows;

  return class PostgresAdapter {
    constructor(model) {
      this.model = model;
    }

    async upsert(id, payload, expiresIn) {
      await rows(
        'upsert',
        `INSERT INTO oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(secs => $7))
         ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
           uid = excluded.uid, user_code = excluded.user_code, expires_at = excluded.expires_at`,
        [this.model, id, payload, payload.grantId, payload.uid, payload.userCode, expiresIn ?? null],
      );
    }

    find(id) {
      return this.findBy('id', id);
    }

    findByUid(uid) {
      return this.findBy('uid', uid);
    }

    findByUserCode(userCode) {
      return this.findBy('user_code', userCode);
    }

    /** @param column one of the adapter's own key columns (never input), which names the statement too */
    async findBy(column, value) {
      const [row] = await rows(
        `find_by_${column}`,
        `SELECT payload FROM oidc_payloads WHERE model = $1 AND ${column} = $2 AND ${LIVE}`,
        [this.model, value],
      );
      return row?.payload;
    }

    async consume(id) {
      await rows(
        'consume',
        `UPDATE oidc_payloads SET payload = payload || jsonb_build_object('consumed', extract(epoch FROM now())::bigint)
         WHERE model = $1 AND id = $2`,
        [this.model, id],
      );
    }

    async destroy(id) {
      await rows('destroy', 'DELETE FROM oidc_payloads WHERE model = $1 AND id = $2', [this.model, id]);
    }

    async revokeByGrantId(grantId) {
      await rows('revoke_by_grant', 'DELETE FROM oidc_payloads WHERE grant_id = $1', [grantId]);
    }
  };
}
