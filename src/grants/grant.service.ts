import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { SecurityEvents } from '../audit/security-events.service.js';
import { isSubset } from '../common/scope.js';
import { VerifiedTokenCache } from '../tokens/verified-token-cache.js';
import { GrantRepository, type Grant } from './grant.repository.js';

/** How often recordConsent reads and writes again after losing to a concurrent consent. */
const CONSENT_ATTEMPTS = 5;

/** What resource owners consented to; one live grant per user and client. */
@Injectable()
export class GrantService {
  constructor(
    private readonly grants: GrantRepository,
    private readonly events: SecurityEvents,
    private readonly verifiedTokens: VerifiedTokenCache,
  ) {}

  /**
   * Adds the approved scopes to the user's live grant for the client, creating it if needed.
   * Two consents may be recorded at once (two tabs, or two instances): the insert and the
   * update are conditional, and the one that loses reads the grant again and merges into it,
   * so neither consent is lost and there is never a second live grant.
   */
  async recordConsent(userId: string, clientId: string, scopes: readonly string[]): Promise<Grant> {
    for (let attempt = 1; ; attempt++) {
      const recorded = await this.tryRecordConsent(userId, clientId, scopes, new Date());
      if (recorded) return recorded;
      // Each lost attempt means another consent was recorded meanwhile; this many is contention no user makes.
      if (attempt === CONSENT_ATTEMPTS) throw new Error(`Consent not recorded after ${attempt} concurrent updates`);
    }
  }

  /** One read and one conditional write; null when a concurrent consent changed the grant in between. */
  private async tryRecordConsent(
    userId: string,
    clientId: string,
    scopes: readonly string[],
    now: Date,
  ): Promise<Grant | null> {
    const live = await this.grants.findLive(userId, clientId);
    if (!live) {
      const grant: Grant = {
        id: randomUUID(),
        userId,
        clientId,
        scopes: [...scopes],
        createdAt: now,
        updatedAt: now,
        revokedAt: null,
      };
      return (await this.grants.insert(grant)) ? grant : null;
    }
    const merged = [...new Set([...live.scopes, ...scopes])];
    if (merged.length === live.scopes.length) return live;
    const updated = await this.grants.updateScopes(live.id, live.scopes, merged, now);
    return updated ? { ...live, scopes: merged, updatedAt: now } : null;
  }

  /** The scopes of the user's live grant for the client (none if there is no grant). */
  async grantedScopes(userId: string, clientId: string): Promise<readonly string[]> {
    return (await this.grants.findLive(userId, clientId))?.scopes ?? [];
  }

  /** The user's live grant for the client if it already has every one of these scopes; else null. */
  async coveringGrant(userId: string, clientId: string, scopes: readonly string[]): Promise<Grant | null> {
    const live = await this.grants.findLive(userId, clientId);
    return live && isSubset(scopes, live.scopes) ? live : null;
  }

  listLive(userId: string): Promise<Grant[]> {
    return this.grants.listLive(userId);
  }

  /**
   * Ends the grant and every code and token issued under it, at once (on other instances,
   * their access tokens within REVOCATION_SYNC_INTERVAL: they read the revoked families).
   */
  async revoke(userId: string, grantId: string): Promise<boolean> {
    const families = await this.grants.revoke(grantId, userId, new Date());
    if (!families) return false;
    for (const familyId of families) this.verifiedTokens.revoke('family', familyId);
    await this.events.record({ type: 'grant_revoked', userId, detail: { grantId } });
    return true;
  }
}
