import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, Repository } from 'typeorm';
import { RateLimitEntity } from '../database/entities/index.js';
import { RateLimitRepository } from './rate-limit.repository.js';

/**
 * Counters as conditional UPDATEs of one row: increment within the window, or restart an
 * older window; only a key seen for the first time is INSERTed (and a lost race retried).
 */
@Injectable()
export class TypeOrmRateLimitRepository extends RateLimitRepository {
  constructor(@InjectRepository(RateLimitEntity) private readonly limits: Repository<RateLimitEntity>) {
    super();
  }

  async hit(key: string, windowStart: Date): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const incremented = await this.limits
        .createQueryBuilder()
        .update()
        .set({ hits: () => 'hits + 1' })
        .where('key = :key AND window_start = :windowStart', { key, windowStart: windowStart.getTime() })
        .execute();
      if (incremented.affected === 1) return this.count(key, windowStart);
      const restarted = await this.limits.update({ key, windowStart: LessThan(windowStart) }, { windowStart, hits: 1 });
      if (restarted.affected === 1) return 1;
      try {
        await this.limits.insert({ key, windowStart, hits: 1 });
        return 1;
      } catch {
        // Another request inserted the row first: count again on it.
      }
    }
    return this.count(key, windowStart);
  }

  async count(key: string, windowStart: Date): Promise<number> {
    const row = await this.limits.findOneBy({ key });
    return row && row.windowStart.getTime() === windowStart.getTime() ? row.hits : 0;
  }

  async reset(key: string): Promise<void> {
    await this.limits.delete({ key });
  }
}
