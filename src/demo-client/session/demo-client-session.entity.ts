import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../../database/columns.js';

/**
 * The demo client's own table. It shares the server's database only for convenience: no
 * table of the server is read or written by the client, nor this one by the server.
 */
@Entity('demo_client_sessions')
@Index('demo_client_sessions_expires_at', ['expiresAt'])
export class DemoClientSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_hash' })
  idHash!: string;

  @Column({ type: 'text', name: 'sealed_state' })
  sealedState!: string;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;
}
