import { Entity, PrimaryColumn, Column, Index } from 'typeorm';
import { InstantColumn } from '../columns.js';

/** A resource owner's login at this server, referenced from the browser's encrypted cookie. */
@Entity('login_sessions')
@Index('login_sessions_user_id', ['userId'])
@Index('login_sessions_expires_at', ['expiresAt'])
export class LoginSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64, name: 'id_hash' })
  idHash!: string;

  @Column({ type: 'varchar', length: 36, name: 'user_id' })
  userId!: string;

  /** OpenID Connect Core section 2 `auth_time`: when the user last entered a password. */
  @InstantColumn({ name: 'auth_time' })
  authTime!: Date;

  @InstantColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @InstantColumn({ name: 'ended_at', nullable: true })
  endedAt!: Date | null;
}
