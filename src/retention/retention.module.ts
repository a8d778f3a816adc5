import { type DynamicModule, Module } from '@nestjs/common';
import { PurgeScheduler } from './purge-scheduler.js';
import { RetentionStore } from './retention-store.js';
import { RetentionService } from './retention.service.js';
import { TypeOrmRetentionStore } from './typeorm-retention-store.js';

/**
 * Bounded growth: the purge of spent codes, sessions, tokens, revocations, counters and old
 * audit events. The CLI imports it as it is (`db:purge`); the server imports `scheduled()`.
 */
@Module({
  providers: [RetentionService, { provide: RetentionStore, useClass: TypeOrmRetentionStore }],
  exports: [RetentionService],
})
export class RetentionModule {
  /** With the purge running every PURGE_INTERVAL seconds. */
  static scheduled(): DynamicModule {
    return { module: RetentionModule, providers: [PurgeScheduler] };
  }
}
