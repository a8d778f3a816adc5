import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { UserEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { RecentReads } from '../database/recent-reads.js';
import { tokensConfig } from '../config/tokens.config.js';
import type { User } from './user.js';
import { UserRepository } from './user.repository.js';

@Injectable()
export class TypeOrmUserRepository extends UserRepository {
  /** On API calls and ID token issuance: plain SQL (LeanStatements). */
  private readonly byId: (parameters: { id: string }) => Promise<UserEntity | null>;
  /** A user is never changed here, only inserted: reads by id are reused for REVOCATION_SYNC_INTERVAL (recordReuseMs). */
  private readonly recent: RecentReads<User>;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    dataSource: DataSource,
    @Inject(tokensConfig.KEY) config: Pick<ConfigType<typeof tokensConfig>, 'recordReuseMs'>,
  ) {
    super();
    this.byId = new LeanStatements(dataSource, UserEntity).selectOne('id = :id');
    this.recent = new RecentReads(config.recordReuseMs);
  }

  findById(id: string): Promise<User | null> {
    return this.recent.get(id, () => this.byId({ id }));
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findOneBy({ username });
  }

  list(): Promise<User[]> {
    return this.users.find({ order: { createdAt: 'ASC' } });
  }

  async insert(user: User): Promise<void> {
    await this.users.insert(this.users.create(user));
  }
}
