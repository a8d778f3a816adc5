import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SecurityEvents } from '../audit/security-events.service.js';
import { isSubset } from '../common/scope.js';
import { GrantRepository, type Grant } from './grant.repository.js';

/** What resource owners consented to; one live grant per user and client. */
@Injectable()
export class GrantService {
  constructor(
    private readonly grants: GrantRepository,
    private readonly events: SecurityEvents,
  ) {}

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

  /** The scopes of the user's live grant for the client (none if there is no grant). */
  async grantedScopes(userId: string, clientId: string): Promise<readonly string[]> {
    return (await this.grants.findLive(userId, clientId))?.scopes ?? [];
  }

  /** Whether the user already granted the client every one of these scopes. */
  async covers(userId: string, clientId: string, scopes: readonly string[]): Promise<boolean> {
    return isSubset(scopes, await this.grantedScopes(userId, clientId));
  }

  listLive(userId: string): Promise<Grant[]> {
    return this.grants.listLive(userId);
  }

  /** Ends the grant and every code and token issued under it, at once. */
  async revoke(userId: string, grantId: string): Promise<boolean> {
    const revoked = await this.grants.revoke(grantId, userId, new Date());
    if (revoked) await this.events.record({ type: 'grant_revoked', userId, detail: { grantId } });
    return revoked;
  }
}
