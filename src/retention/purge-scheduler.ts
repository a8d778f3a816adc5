import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { retentionConfig } from '../config/retention.config.js';
import { RetentionService } from './retention.service.js';

/**
 * Runs the purge every PURGE_INTERVAL seconds in each instance (0: never). Instances need no
 * coordination, since deletes are idempotent; within one, a run still going skips the next tick.
 */
@Injectable()
export class PurgeScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly stopping = new AbortController();

  constructor(
    private readonly retention: RetentionService,
    @Inject(retentionConfig.KEY) private readonly config: Pick<ConfigType<typeof retentionConfig>, 'purgeInterval'>,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.purgeInterval === 0) return;
    this.timer = setInterval(() => void this.runOnce(), this.config.purgeInterval * 1000);
    // The timer alone must not keep a process alive.
    this.timer.unref();
  }

  /** Stops the timer, and a run in progress after its current batch, before the database closes. */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.stopping.abort();
    await this.running;
  }

  /** One purge, unless one is running already; a failure is logged and the next tick tries again. */
  runOnce(): Promise<void> {
    this.running ??= this.retention
      .purge(new Date(), this.stopping.signal)
      .then(
        () => undefined,
        (error: unknown) => this.logger.warn(`Purge failed, retrying at the next run: ${(error as Error)?.message}`),
      )
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
