import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { InstantColumn } from '../columns.js';

/** A fixed-window counter (login failures of an account or an IP, requests of a client), shared by every instance. */
@Entity('rate_limits')
@Index('rate_limits_window_start', ['windowStart'])
export class RateLimitEntity {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key!: string;

  @InstantColumn({ name: 'window_start' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  hits!: number;
}
