import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../columns.js';

/** One security event for the audit trail; never a secret, token, code or password. */
@Entity('security_events')
@Index('security_events_at', ['at'])
@Index('security_events_user_id', ['userId'])
export class SecurityEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @InstantColumn({ name: 'at' })
  at!: Date;

  @Column({ type: 'varchar', length: 36, name: 'user_id', nullable: true })
  userId!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'client_id', nullable: true })
  clientId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  /** JSON of non-secret details (a username, scopes, a family id). */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
