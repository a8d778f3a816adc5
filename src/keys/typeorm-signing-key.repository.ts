import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, LessThan, MoreThan, Repository } from 'typeorm';
import { SigningKeyEntity } from '../database/entities/index.js';
import { SigningKeyRepository, type StoredSigningKey } from './signing-key.repository.js';

@Injectable()
export class TypeOrmSigningKeyRepository extends SigningKeyRepository {
  constructor(@InjectRepository(SigningKeyEntity) private readonly keys: Repository<SigningKeyEntity>) {
    super();
  }

  findUsable(now: Date): Promise<StoredSigningKey[]> {
    return this.keys.find({
      where: [{ retiresAt: IsNull() }, { retiresAt: MoreThan(now) }],
      order: { createdAt: 'DESC' },
    });
  }

  findAll(): Promise<StoredSigningKey[]> {
    return this.keys.find({ order: { createdAt: 'DESC' } });
  }

  async insert(key: StoredSigningKey): Promise<void> {
    await this.keys.insert(this.keys.create(key));
  }

  async retireOlderThan(createdBefore: Date, retiresAt: Date): Promise<void> {
    await this.keys.update({ retiresAt: IsNull(), createdAt: LessThan(createdBefore) }, { retiresAt });
  }
}
