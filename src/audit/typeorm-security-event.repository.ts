import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SecurityEventEntity } from '../database/entities/index.js';
import { SecurityEventRepository, type StoredSecurityEvent } from './security-event.repository.js';

@Injectable()
export class TypeOrmSecurityEventRepository extends SecurityEventRepository {
  constructor(@InjectRepository(SecurityEventEntity) private readonly events: Repository<SecurityEventEntity>) {
    super();
  }

  async insert(event: StoredSecurityEvent): Promise<void> {
    await this.events.insert(this.events.create(event));
  }
}
