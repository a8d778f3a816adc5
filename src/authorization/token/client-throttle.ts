import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SecurityEvents } from '../../audit/security-events.service.js';
import { securityConfig } from '../../config/security.config.js';
import { RateLimiter } from '../../throttling/rate-limiter.js';

/**
 * Limits each client's requests at the back channel (token, introspection, revocation) to
 * CLIENT_REQUESTS_PER_MINUTE, counted by the client_id presented, so that guessing a
 * client's secret or replaying its codes cannot run at full speed (RFC 6819 section 5.2.3.6).
 */
@Injectable()
export class ClientThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly events: SecurityEvents,
    @Inject(securityConfig.KEY) private readonly config: ConfigType<typeof securityConfig>,
  ) {}

  async count(clientId: string): Promise<void> {
    const key = `client:${clientId}`.slice(0, 200);
    try {
      await this.limiter.consume(
        key,
        this.config.clientRequestsPerMinute,
        60,
        'Too many requests from this client. Slow down.',
      );
    } catch (error) {
      await this.events.record({ type: 'throttled', clientId: clientId.slice(0, 64), detail: { reason: 'client' } });
      throw error;
    }
  }
}
