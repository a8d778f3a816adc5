import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestContext } from '../common/request-context.js';
import type { SecurityEvent } from './security-event.js';
import { SecurityEventRepository } from './security-event.repository.js';

/**
 * The audit trail: each security event goes to the `security_events` table and to the log as
 * one JSON line, with time, user, client and IP. Callers pass no secrets; recording never
 * fails the request it describes (a storage error is logged instead).
 */
@Injectable()
export class SecurityEvents {
  private readonly logger = new Logger('SecurityEvent');

  constructor(private readonly events: SecurityEventRepository) {}

  async record(event: SecurityEvent): Promise<void> {
    const stored = {
      id: randomUUID(),
      type: event.type,
      at: new Date(),
      userId: event.userId ?? null,
      clientId: event.clientId ?? null,
      ip: RequestContext.current()?.ip ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    };
    this.logger.log(
      JSON.stringify({
        ...stored,
        at: stored.at.toISOString(),
        detail: event.detail ?? null,
        requestId: RequestContext.current()?.requestId,
      }),
    );
    try {
      await this.events.insert(stored);
    } catch (error) {
      this.logger.error(`Could not store security event ${stored.id} (${event.type}): ${(error as Error).name}`);
    }
  }
}
