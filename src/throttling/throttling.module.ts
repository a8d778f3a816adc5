import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitEntity } from '../database/entities/index.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { RateLimiter } from './rate-limiter.js';
import { TypeOrmRateLimitRepository } from './typeorm-rate-limit.repository.js';

/** Rate limits shared by every instance through the database. */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitEntity])],
  providers: [RateLimiter, { provide: RateLimitRepository, useClass: TypeOrmRateLimitRepository }],
  exports: [RateLimiter],
})
export class ThrottlingModule {}
