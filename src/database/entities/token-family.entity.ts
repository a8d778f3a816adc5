import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn, JsonListColumn } from '../columns.js';

/**
 * Every token descended from one authorization (one code, then each rotation). It has an
 * absolute lifetime, and revoking it stops all of its refresh and access tokens at once.
 */
@Entity('token_families')
@Index('token_families_grant_id', ['grantId'])
@Index('token_families_expires_at', ['expiresAt'])
@Index('token_families_revoked_at', ['revokedAt'])
export class TokenFamilyEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36, name: 'grant_id', nullable: true })
  grantId!: string | null;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id', nullable: true })
  userId!: string | null;

  /** The scope the resource owner granted; a refresh may narrow it, never widen it. */
  @JsonListColumn('scopes')
  scopes!: string[];

  @InstantColumn({ name: 'auth_time', nullable: true })
  authTime!: Date | null;

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @InstantColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'varchar', length: 40, name: 'revoked_reason', nullable: true })
  revokedReason!: string | null;
}
