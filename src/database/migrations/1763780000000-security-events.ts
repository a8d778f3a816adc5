import { type MigrationInterface, type QueryRunner, Table, TableIndex } from 'typeorm';

/** The audit trail of security events (logins, consents, tokens, replays, revocations, throttling). */
export class SecurityEvents1763780000000 implements MigrationInterface {
  name = 'SecurityEvents1763780000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'security_events',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'type', type: 'varchar', length: '40' },
          { name: 'at', type: 'bigint' },
          { name: 'user_id', type: 'varchar', length: '36', isNullable: true },
          { name: 'client_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64', isNullable: true },
          { name: 'detail', type: 'text', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'security_events_at', columnNames: ['at'] }),
          new TableIndex({ name: 'security_events_user_id', columnNames: ['user_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('security_events');
  }
}
