import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SecurityEvents } from '../audit/security-events.service.js';
import { securityConfig } from '../config/security.config.js';
import { RateLimiter } from '../throttling/rate-limiter.js';

const MESSAGE = 'Too many failed logins. Wait a little and try again.';

/**
 * Credential stuffing and guessing (RFC 9700 section 4.16 and RFC 6819 section 5.1.4.2.3):
 * after a few failures for one account, or many from one IP, logins are refused with 429
 * until the window ends. The answer is the same whether the account exists or not.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly events: SecurityEvents,
    @Inject(securityConfig.KEY) private readonly config: ConfigType<typeof securityConfig>,
  ) {}

  async assertAllowed(username: string, ip: string): Promise<void> {
    const { loginMaxFailuresPerAccount, loginMaxFailuresPerIp, loginThrottleWindow: window } = this.config;
    try {
      await this.limiter.assertBelow(accountKey(username), loginMaxFailuresPerAccount, window, MESSAGE);
      await this.limiter.assertBelow(ipKey(ip), loginMaxFailuresPerIp, window, MESSAGE);
    } catch (error) {
      await this.events.record({ type: 'throttled', detail: { reason: 'login', username } });
      throw error;
    }
  }

  async recordFailure(username: string, ip: string): Promise<void> {
    await this.limiter.record(accountKey(username), this.config.loginThrottleWindow);
    await this.limiter.record(ipKey(ip), this.config.loginThrottleWindow);
  }

  /** A successful login forgets the account's failures (not the IP's). */
  recordSuccess(username: string): Promise<void> {
    return this.limiter.reset(accountKey(username));
  }
}

const accountKey = (username: string) => `login:account:${username}`.slice(0, 200);
const ipKey = (ip: string) => `login:ip:${ip}`.slice(0, 200);
