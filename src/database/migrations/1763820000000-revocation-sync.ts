import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * What each instance polls to learn of revocations written elsewhere (RevocationSync): access
 * tokens denied since an instant (by `revoked_at`; families already have that index), and the
 * clients deleted since then, whose families left no row behind to read.
 */
export class RevocationSync1763820000000 implements MigrationInterface {
  name = 'RevocationSync1763820000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'revoked_access_tokens',
      new TableIndex({ name: 'revoked_access_tokens_revoked_at', columnNames: ['revoked_at'] }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'deleted_clients',
        columns: [
          { name: 'client_id', type: 'varchar', length: '64', isPrimary: true },
          { name: 'deleted_at', type: 'bigint' },
        ],
        indices: [new TableIndex({ name: 'deleted_clients_deleted_at', columnNames: ['deleted_at'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('deleted_clients');
    await queryRunner.dropIndex('revoked_access_tokens', 'revoked_access_tokens_revoked_at');
  }
}
