import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, MoreThan, Repository } from 'typeorm';
import { DemoClientSessionEntity } from './demo-client-session.entity.js';
import { DemoSessionStore, type StoredDemoSession } from './demo-session.store.js';

@Injectable()
export class TypeOrmDemoSessionStore extends DemoSessionStore {
  constructor(
    @InjectRepository(DemoClientSessionEntity) private readonly sessions: Repository<DemoClientSessionEntity>,
  ) {
    super();
  }

  find(idHash: string, now: Date): Promise<StoredDemoSession | null> {
    return this.sessions.findOneBy({ idHash, expiresAt: MoreThan(now) });
  }

  async save(session: StoredDemoSession): Promise<void> {
    await this.sessions.upsert(this.sessions.create(session), ['idHash']);
  }

  async deleteExpired(now: Date): Promise<void> {
    await this.sessions.delete({ expiresAt: LessThan(now) });
  }
}
