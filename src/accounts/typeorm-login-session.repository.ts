import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, Repository } from 'typeorm';
import { LoginSessionEntity } from '../database/entities/index.js';
import { LoginSessionRepository, type LoginSession } from './login-session.repository.js';

@Injectable()
export class TypeOrmLoginSessionRepository extends LoginSessionRepository {
  constructor(@InjectRepository(LoginSessionEntity) private readonly sessions: Repository<LoginSessionEntity>) {
    super();
  }

  async insert(session: LoginSession): Promise<void> {
    await this.sessions.insert(this.sessions.create(session));
  }

  findLive(idHash: string, now: Date): Promise<LoginSession | null> {
    return this.sessions.findOneBy({ idHash, endedAt: IsNull(), expiresAt: MoreThan(now) });
  }

  async end(idHash: string, now: Date): Promise<void> {
    await this.sessions.update({ idHash }, { endedAt: now });
  }
}
