import { Entity, PrimaryColumn, Column } from 'typeorm';
import { InstantColumn } from '../columns.js';

/**
 * A token signing key pair, shared by every instance through the database. The newest
 * unretired key signs; older ones keep verifying until `retiresAt`.
 */
@Entity('signing_keys')
export class SigningKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ type: 'varchar', length: 16 })
  alg!: string;

  @Column({ type: 'text', name: 'public_key' })
  publicKey!: string;

  @Column({ type: 'text', name: 'private_key' })
  privateKey!: string;

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;

  @InstantColumn({ name: 'retires_at', nullable: true })
  retiresAt!: Date | null;
}
