import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn, JsonListColumn } from '../columns.js';

/**
 * A validated authorization request waiting for login and consent. The browser holds only
 * its unguessable id; the row is keyed by that id's hash and deleted when answered.
 */
@Entity('pending_authorizations')
@Index('pending_authorizations_expires_at', ['expiresAt'])
export class PendingAuthorizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_hash' })
  idHash!: string;

  @Column({ type: 'varchar', length: 64, name: 'client_id' })
  clientId!: string;

  @Column({ type: 'text', name: 'redirect_uri' })
  redirectUri!: string;

  /** RFC 6749 section 4.1.3: whether redirect_uri was sent, so the token request must repeat it. */
  @Column({ type: 'boolean', name: 'redirect_uri_sent' })
  redirectUriSent!: boolean;

  @JsonListColumn('scopes')
  scopes!: string[];

  @Column({ type: 'text', nullable: true })
  state!: string | null;

  @Column({ type: 'varchar', length: 128, name: 'code_challenge', nullable: true })
  codeChallenge!: string | null;

  @Column({ type: 'text', nullable: true })
  nonce!: string | null;

  @InstantColumn({ name: 'login_required_after', nullable: true })
  loginRequiredAfter!: Date | null;

  @Column({ type: 'boolean', name: 'consent_required', default: false })
  consentRequired!: boolean;

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;
}
