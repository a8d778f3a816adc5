import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimitEntity } from '../database/entities/index.js';
import { BufferedRateLimiter } from './buffered-rate-limiter.js';
import { RateLimitRepository } from './rate-limit.repository.js';
import { RateLimiter } from './rate-limiter.js';
import { TypeOrmRateLimitRepository } from './typeorm-rate-limit.repository.js';

/**
 * Rate limits shared by every instance through the database: counted there at once (logins),
 * or in memory and written every FLUSH_INTERVAL_MS (the back channel).
 */
@Module({
  imports: [TypeOrmModule.forFeature([RateLimitEntity])],
  providers: [RateLimiter, BufferedRateLimiter, { provide: RateLimitRepository, useClass: TypeOrmRateLimitRepository }],
  exports: [RateLimiter, BufferedRateLimiter],
})
export class ThrottlingModule {}
