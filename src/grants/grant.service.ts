import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GrantRepository, type Grant } from './grant.repository.js';

/** Records what a resource owner consented to; one live grant per user and client. */
@Injectable()
export class GrantService {
  constructor(private readonly grants: GrantRepository) {}

  /** Adds the approved scopes to the user's live grant for the client, creating it if needed. */
  async recordConsent(userId: string, clientId: string, scopes: readonly string[]): Promise<Grant> {
    const now = new Date();
    const live = await this.grants.findLive(userId, clientId);
    if (live) {
      const merged = [...new Set([...live.scopes, ...scopes])];
      if (merged.length !== live.scopes.length) await this.grants.updateScopes(live.id, merged, now);
      return { ...live, scopes: merged, updatedAt: now };
    }
    const grant: Grant = {
      id: randomUUID(),
      userId,
      clientId,
      scopes: [...scopes],
      createdAt: now,
      updatedAt: now,
      revokedAt: null,
    };
    await this.grants.insert(grant);
    return grant;
  }
}
