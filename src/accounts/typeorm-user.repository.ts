import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { UserEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import type { User } from './user.js';
import { UserRepository } from './user.repository.js';

@Injectable()
export class TypeOrmUserRepository extends UserRepository {
  /** On API calls and ID token issuance: plain SQL (LeanStatements). */
  private readonly byId: (parameters: { id: string }) => Promise<UserEntity | null>;

  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    dataSource: DataSource,
  ) {
    super();
    this.byId = new LeanStatements(dataSource, UserEntity).selectOne('id = :id');
  }

  findById(id: string): Promise<User | null> {
    return this.byId({ id });
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
