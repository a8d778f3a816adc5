import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

/*
 * Built with TypeORM's Table API rather than SQL text, so the same migration runs on SQLite
 * and PostgreSQL. Instants are BIGINT epoch milliseconds (see database/columns.ts).
 */
const id = (name: string, length = 36): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isPrimary: true,
});
const ref = (name: string, length = 36, isNullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable,
});
const text = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'text', isNullable });
const instant = (name: string, isNullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable });
const flag = (name: string): TableColumnOptions => ({ name, type: 'boolean', default: false });
const cascade = (column: string, table: string, referenced = 'id') =>
  new TableForeignKey({
    columnNames: [column],
    referencedTableName: table,
    referencedColumnNames: [referenced],
    onDelete: 'CASCADE',
  });

export class InitialSchema1763750000000 implements MigrationInterface {
  name = 'InitialSchema1763750000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const tables: Table[] = [
      new Table({
        name: 'clients',
        columns: [
          id('id', 64),
          { name: 'name', type: 'varchar', length: '200' },
          { name: 'type', type: 'varchar', length: '16' },
          ref('secret_hash', 64, true),
          text('redirect_uris'),
          text('scopes'),
          text('grant_types'),
          instant('created_at'),
        ],
      }),
      new Table({
        name: 'users',
        columns: [
          id('id'),
          { name: 'username', type: 'varchar', length: '100', isUnique: true },
          { name: 'password_hash', type: 'varchar', length: '255' },
          { name: 'name', type: 'varchar', length: '200', isNullable: true },
          { name: 'email', type: 'varchar', length: '320', isNullable: true },
          flag('email_verified'),
          instant('created_at'),
        ],
      }),
      new Table({
        name: 'grants',
        columns: [
          id('id'),
          ref('user_id'),
          ref('client_id', 64),
          text('scopes'),
          instant('created_at'),
          instant('updated_at'),
          instant('revoked_at', true),
        ],
        foreignKeys: [cascade('user_id', 'users'), cascade('client_id', 'clients')],
        indices: [
          new TableIndex({
            name: 'grants_live_user_client',
            columnNames: ['user_id', 'client_id'],
            isUnique: true,
            where: 'revoked_at IS NULL',
          }),
        ],
      }),
      new Table({
        name: 'pending_authorizations',
        columns: [
          id('id_hash', 64),
          ref('client_id', 64),
          text('redirect_uri'),
          flag('redirect_uri_sent'),
          text('scopes'),
          text('state', true),
          ref('code_challenge', 128, true),
          text('nonce', true),
          instant('created_at'),
          instant('expires_at'),
        ],
        foreignKeys: [cascade('client_id', 'clients')],
        indices: [new TableIndex({ name: 'pending_authorizations_expires_at', columnNames: ['expires_at'] })],
      }),
      new Table({
        name: 'login_sessions',
        columns: [
          id('id_hash', 64),
          ref('user_id'),
          instant('auth_time'),
          instant('expires_at'),
          instant('ended_at', true),
        ],
        foreignKeys: [cascade('user_id', 'users')],
        indices: [new TableIndex({ name: 'login_sessions_user_id', columnNames: ['user_id'] })],
      }),
      new Table({
        name: 'authorization_codes',
        columns: [
          id('code_hash', 64),
          ref('client_id', 64),
          ref('user_id'),
          ref('grant_id'),
          text('redirect_uri'),
          flag('redirect_uri_sent'),
          text('scopes'),
          ref('code_challenge', 128, true),
          text('nonce', true),
          instant('auth_time'),
          instant('expires_at'),
          instant('redeemed_at', true),
          ref('family_id', 36, true),
        ],
        foreignKeys: [cascade('client_id', 'clients'), cascade('user_id', 'users'), cascade('grant_id', 'grants')],
        indices: [new TableIndex({ name: 'authorization_codes_expires_at', columnNames: ['expires_at'] })],
      }),
      new Table({
        name: 'token_families',
        columns: [
          id('id'),
          ref('grant_id', 36, true),
          ref('client_id', 64),
          ref('user_id', 36, true),
          text('scopes'),
          instant('auth_time', true),
          instant('created_at'),
          instant('expires_at'),
          instant('revoked_at', true),
          ref('revoked_reason', 40, true),
        ],
        foreignKeys: [cascade('client_id', 'clients'), cascade('user_id', 'users'), cascade('grant_id', 'grants')],
        indices: [new TableIndex({ name: 'token_families_grant_id', columnNames: ['grant_id'] })],
      }),
      new Table({
        name: 'refresh_tokens',
        columns: [
          id('token_hash', 64),
          ref('family_id'),
          ref('client_id', 64),
          instant('created_at'),
          instant('expires_at'),
          instant('rotated_at', true),
        ],
        foreignKeys: [cascade('family_id', 'token_families')],
        indices: [
          new TableIndex({ name: 'refresh_tokens_family_id', columnNames: ['family_id'] }),
          new TableIndex({ name: 'refresh_tokens_expires_at', columnNames: ['expires_at'] }),
        ],
      }),
      new Table({
        name: 'revoked_access_tokens',
        columns: [id('jti', 64), instant('expires_at'), instant('revoked_at')],
        indices: [new TableIndex({ name: 'revoked_access_tokens_expires_at', columnNames: ['expires_at'] })],
      }),
      new Table({
        name: 'signing_keys',
        columns: [
          id('kid', 64),
          { name: 'alg', type: 'varchar', length: '16' },
          text('public_key'),
          text('private_key'),
          instant('created_at'),
          instant('retires_at', true),
        ],
      }),
      new Table({
        name: 'notes',
        columns: [id('id'), ref('owner_id'), text('text'), instant('created_at')],
        foreignKeys: [cascade('owner_id', 'users')],
        indices: [new TableIndex({ name: 'notes_owner_id', columnNames: ['owner_id'] })],
      }),
    ];
    for (const table of tables) {
      await queryRunner.createTable(table, false, true, true);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const name of [
      'notes',
      'signing_keys',
      'revoked_access_tokens',
      'refresh_tokens',
      'token_families',
      'authorization_codes',
      'login_sessions',
      'pending_authorizations',
      'grants',
      'users',
      'clients',
    ]) {
      await queryRunner.dropTable(name);
    }
  }
}
