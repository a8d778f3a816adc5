import { Entity, PrimaryColumn, Column } from 'typeorm';
import { InstantColumn, JsonListColumn } from '../columns.js';

/** A registered client (RFC 6749 section 2). A confidential client has a secret, stored only as SHA-256. */
@Entity('clients')
export class ClientEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** RFC 6749 section 2.1: `confidential` or `public`. */
  @Column({ type: 'varchar', length: 16 })
  type!: 'confidential' | 'public';

  @Column({ type: 'varchar', length: 64, name: 'secret_hash', nullable: true })
  secretHash!: string | null;

  @JsonListColumn('redirect_uris')
  redirectUris!: string[];

  @JsonListColumn('scopes')
  scopes!: string[];

  @JsonListColumn('grant_types')
  grantTypes!: string[];

  @InstantColumn({ name: 'created_at' })
  createdAt!: Date;
}
