import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecurityEventEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { SecurityEventRepository, type StoredSecurityEvent } from './security-event.repository.js';

@Injectable()
export class TypeOrmSecurityEventRepository extends SecurityEventRepository {
  /** One insert per event, some on the token endpoint's path: plain SQL (LeanStatements). */
  private readonly insertRow: (event: SecurityEventEntity) => Promise<void>;

  constructor(dataSource: DataSource) {
    super();
    this.insertRow = new LeanStatements(dataSource, SecurityEventEntity).insert();
  }

  insert(event: StoredSecurityEvent): Promise<void> {
    return this.insertRow({ ...event });
  }
}
