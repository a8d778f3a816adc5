import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn } from '../columns.js';

/** An opaque refresh token, stored only as its hash; each use rotates it (RFC 9700 section 4.14.2). */
@Entity('refresh_tokens')
@Index('refresh_tokens_family_id', ['familyId'])
@Index('refresh_tokens_expires_at', ['expiresAt'])
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'token_hash' })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 36, name: 'family_id' })
  familyId!: string;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;

  /** Set when the token is exchanged; a second exchange is reuse. */
  @InstantColumn({ name: 'rotated_at', nullable: true })
  rotatedAt!: Date | null;
}
