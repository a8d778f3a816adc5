import { Entity, PrimaryColumn, Index } from 'typeorm';
import { InstantColumn } from '../columns.js';

/** An access token revoked on its own (RFC 7009), by `jti`, kept until it would have expired anyway. */
@Entity('revoked_access_tokens')
@Index('revoked_access_tokens_expires_at', ['expiresAt'])
@Index('revoked_access_tokens_revoked_at', ['revokedAt'])
export class RevokedAccessTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  jti!: string;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @InstantColumn({ name: 'revoked_at' })
  revokedAt!: Date;
}
