import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SecurityEvents } from '../../audit/security-events.service.js';
import { TooManyRequestsError } from '../../common/oauth-errors.js';
import { securityConfig } from '../../config/security.config.js';
import { BufferedRateLimiter } from '../../throttling/buffered-rate-limiter.js';

/** The client throttle's fixed window: CLIENT_REQUESTS_PER_MINUTE counts per minute. */
export const CLIENT_THROTTLE_WINDOW_SECONDS = 60;

/**
 * Limits each client's requests at the back channel (token, introspection, revocation) to
 * CLIENT_REQUESTS_PER_MINUTE, counted by the client_id presented, so that guessing a
 * client's secret or replaying its codes cannot run at full speed (RFC 6819 section 5.2.3.6).
 * Counted in memory and shared through the database every FLUSH_INTERVAL_MS (see
 * BufferedRateLimiter): no request pays a database write for it.
 */
@Injectable()
export class ClientThrottle {
  constructor(
    private readonly limiter: BufferedRateLimiter,
    private readonly events: SecurityEvents,
    @Inject(securityConfig.KEY) private readonly config: ConfigType<typeof securityConfig>,
  ) {}

  async count(clientId: string): Promise<void> {
    const key = `client:${clientId}`.slice(0, 200);
    const { allowed, retryAfter, firstRefusal } = await this.limiter.consume(
      key,
      this.config.clientRequestsPerMinute,
      CLIENT_THROTTLE_WINDOW_SECONDS,
    );
    if (allowed) return;
    // One event when a client starts being refused, not one per refused request: a client
    // hammering the endpoint must not turn each request into an audit write.
    if (firstRefusal) {
      await this.events.record({ type: 'throttled', clientId: clientId.slice(0, 64), detail: { reason: 'client' } });
    }
    throw new TooManyRequestsError('Too many requests from this client. Slow down.', retryAfter);
  }
}
