import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn, JsonListColumn } from '../columns.js';

/**
 * A resource owner's consent: this user let this client have these scopes. At most one
 * live grant per user and client; revoking it ends every token family issued under it.
 */
@Entity('grants')
@Index('grants_live_user_client', ['userId', 'clientId'], { unique: true, where: 'revoked_at IS NULL' })
@Index('grants_revoked_at', ['revokedAt'])
export class GrantEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId!: string;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @JsonListColumn('scopes')
  scopes!: string[];

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;

  @InstantColumn({ name: 'updated_at' })
  updatedAt!: Date;

  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}
