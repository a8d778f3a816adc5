import { Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../columns.js';

/**
 * A client deleted (its row, and with it its families, went by cascade), kept while any
 * access token issued to it could still be unexpired (the purge deletes it once the longest
 * ACCESS_TOKEN_TTL has passed: RetentionService): every instance reads it to drop such tokens
 * from its cache (RevocationSync), and a client's own token is refused if its client was
 * deleted after it was issued.
 */
@Entity('deleted_clients')
@Index('deleted_clients_deleted_at', ['deletedAt'])
export class DeletedClientEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @InstantColumn({ name: 'deleted_at' })
  deletedAt!: Date;
}
