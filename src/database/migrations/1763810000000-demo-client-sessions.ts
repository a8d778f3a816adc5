import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The demo client's own sessions (src/demo-client): a third party's table in the same database,
 * keyed by the SHA-256 of its cookie, its state sealed with a key only the cookie gives.
 */
export class DemoClientSessions1763810000000 implements MigrationInterface {
  name = 'DemoClientSessions1763810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'demo_client_sessions',
        columns: [
          { name: 'id_hash', type: 'varchar', length: '64', isPrimary: true },
          { name: 'sealed_state', type: 'text' },
          { name: 'expires_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'demo_client_sessions_expires_at', columnNames: ['expires_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('demo_client_sessions');
  }
}
