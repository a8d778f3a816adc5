import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn, JsonListColumn } from '../columns.js';

/**
 * RFC 6749 section 4.1.2: a short-lived, single-use code, stored only as its hash and bound
 * to the client, redirect_uri, user, scopes and PKCE challenge of its request.
 */
@Entity('authorization_codes')
@Index('authorization_codes_expires_at', ['expiresAt'])
@Index('authorization_codes_grant_id', ['grantId'])
export class AuthorizationCodeEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'code_hash' })
  codeHash!: string;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId!: string;

  @Column({ type: 'varchar', length: 36, name: 'grant_id' })
  grantId!: string;

  @Column({ type: 'text', name: 'redirect_uri' })
  redirectUri!: string;

  @Column({ type: 'boolean', name: 'redirect_uri_sent' })
  redirectUriSent!: boolean;

  @JsonListColumn('scopes')
  scopes!: string[];

  @Column({ type: 'varchar', length: 128, name: 'code_challenge', nullable: true })
  codeChallenge!: string | null;

  @Column({ type: 'text', nullable: true })
  nonce!: string | null;

  @InstantColumn({ name: 'auth_time' })
  authTime!: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @InstantColumn({ name: 'redeemed_at', nullable: true })
  redeemedAt!: Date | null;

  /** The token family the redemption started; revoked if the code is ever replayed. */
  @Column({ type: 'varchar', length: 36, name: 'family_id', nullable: true })
  familyId!: string | null;
}
