import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { LoginSessionEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { LoginSessionRepository, type LoginSession } from './login-session.repository.js';

@Injectable()
export class TypeOrmLoginSessionRepository extends LoginSessionRepository {
  /** On every authorization request of a logged-in user: plain SQL (LeanStatements). */
  private readonly live: (parameters: { idHash: string; now: Date }) => Promise<LoginSessionEntity | null>;

  constructor(
    @InjectRepository(LoginSessionEntity) private readonly sessions: Repository<LoginSessionEntity>,
    dataSource: DataSource,
  ) {
    super();
    this.live = new LeanStatements(dataSource, LoginSessionEntity).selectOne(
      'id_hash = :idHash AND ended_at IS NULL AND expires_at > :now',
    );
  }

  async insert(session: LoginSession): Promise<void> {
    await this.sessions.insert(this.sessions.create(session));
  }

  findLive(idHash: string, now: Date): Promise<LoginSession | null> {
    return this.live({ idHash, now });
  }

  async end(idHash: string, now: Date): Promise<void> {
    await this.sessions.update({ idHash }, { endedAt: now });
  }
}
