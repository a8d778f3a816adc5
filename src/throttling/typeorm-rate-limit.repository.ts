import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { RateLimitEntity } from '../database/entities/index.js';
import { RateLimitRepository } from './rate-limit.repository.js';

/**
 * One statement per count, the same on SQLite (3.35+) and PostgreSQL: insert the key's first
 * window, or add to the stored one, or restart it when ours is newer; RETURNING the total.
 * A stored window newer than ours (another instance's clock is ahead) is left alone.
 */
const ADD = `
  INSERT INTO rate_limits (key, window_start, hits) VALUES (:key, :windowStart, :hits)
  ON CONFLICT (key) DO UPDATE SET
    hits = CASE WHEN rate_limits.window_start = excluded.window_start
      THEN rate_limits.hits + excluded.hits ELSE excluded.hits END,
    window_start = excluded.window_start
  WHERE rate_limits.window_start <= excluded.window_start
  RETURNING hits`;

@Injectable()
export class TypeOrmRateLimitRepository extends RateLimitRepository {
  constructor(@InjectRepository(RateLimitEntity) private readonly limits: Repository<RateLimitEntity>) {
    super();
  }

  async add(key: string, windowStart: Date, hits: number): Promise<number> {
    const driver = this.limits.manager.connection.driver;
    const [sql, parameters] = driver.escapeQueryWithParameters(ADD, { key, windowStart: windowStart.getTime(), hits });
    const rows: { hits: number | string }[] = await this.limits.query(sql, parameters);
    // No row: the stored window is newer than ours, so ours has only what this call added.
    return rows.length > 0 ? Number(rows[0]!.hits) : hits;
  }

  async count(key: string, windowStart: Date): Promise<number> {
    const row = await this.limits.findOneBy({ key });
    return row && row.windowStart.getTime() === windowStart.getTime() ? row.hits : 0;
  }

  async reset(key: string): Promise<void> {
    await this.limits.delete({ key });
  }
}
