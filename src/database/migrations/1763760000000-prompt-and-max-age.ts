import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/** OpenID Connect `prompt` and `max_age`: what a pending authorization demands of the login and consent. */
export class PromptAndMaxAge1763760000000 implements MigrationInterface {
  name = 'PromptAndMaxAge1763760000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('pending_authorizations', [
      new TableColumn({ name: 'login_required_after', type: 'bigint', isNullable: true }),
      new TableColumn({ name: 'consent_required', type: 'boolean', default: false }),
    ]);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumns('pending_authorizations', ['consent_required', 'login_required_after']);
  }
}
