import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

/** Fixed-window counters for login and client throttling, in the database so every instance counts together. */
export class RateLimits1763770000000 implements MigrationInterface {
  name = 'RateLimits1763770000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rate_limits',
        columns: [
          { name: 'key', type: 'varchar', length: '200', isPrimary: true },
          { name: 'window_start', type: 'bigint' },
          { name: 'hits', type: 'integer' },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limits');
  }
}
