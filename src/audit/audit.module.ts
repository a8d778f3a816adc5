import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SecurityEventEntity } from '../database/entities/index.js';
import { SecurityEventRepository } from './security-event.repository.js';
import { SecurityEvents } from './security-events.service.js';
import { TypeOrmSecurityEventRepository } from './typeorm-security-event.repository.js';

/** The security audit trail, available everywhere (every module reports to it). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SecurityEventEntity])],
  providers: [SecurityEvents, { provide: SecurityEventRepository, useClass: TypeOrmSecurityEventRepository }],
  exports: [SecurityEvents],
})
export class AuditModule {}
