import { beforeEach, describe, expect, it } from '@jest/globals';
import { testSecurityEvents, testVerifiedTokenCache } from '../testing/fixtures.js';
import { GrantRepository, type Grant } from './grant.repository.js';
import { GrantService } from './grant.service.js';

/**
 * Grants in memory, with the conditional writes the port promises, and a hook that lets
 * another consent commit between recordConsent's read and its write.
 */
class InterleavingGrantRepository extends GrantRepository {
  rows: Grant[] = [];
  /** What happens, once, just before the next write: a concurrent consent committing first. */
  meanwhile: (() => Promise<unknown>) | undefined;

  async findLive(userId: string, clientId: string): Promise<Grant | null> {
    return this.rows.find((g) => g.userId === userId && g.clientId === clientId && g.revokedAt === null) ?? null;
  }
  async findById(id: string): Promise<Grant | null> {
    return this.rows.find((g) => g.id === id) ?? null;
  }
  async listLive(userId: string): Promise<Grant[]> {
    return this.rows.filter((g) => g.userId === userId && g.revokedAt === null);
  }
  async insert(grant: Grant): Promise<boolean> {
    await this.interleave();
    if (await this.findLive(grant.userId, grant.clientId)) return false;
    this.rows.push(grant);
    return true;
  }
  async updateScopes(id: string, expected: readonly string[], scopes: readonly string[], now: Date) {
    await this.interleave();
    const index = this.rows.findIndex((g) => g.id === id && g.revokedAt === null);
    if (index < 0 || this.rows[index]!.scopes.join(' ') !== expected.join(' ')) return false;
    this.rows[index] = { ...this.rows[index]!, scopes, updatedAt: now };
    return true;
  }
  async revoke(): Promise<readonly string[] | null> {
    throw new Error('not used here');
  }

  private async interleave(): Promise<void> {
    const other = this.meanwhile;
    this.meanwhile = undefined;
    await other?.();
  }
}

describe('GrantService.recordConsent: one live grant per user and client, whatever consents run at once', () => {
  let repository: InterleavingGrantRepository;
  let grants: GrantService;

  beforeEach(() => {
    repository = new InterleavingGrantRepository();
    grants = new GrantService(repository, testSecurityEvents(), testVerifiedTokenCache());
  });

  it('creates the grant on a first consent and adds scopes on a later one', async () => {
    const first = await grants.recordConsent('user-1', 'client-1', ['profile']);
    const second = await grants.recordConsent('user-1', 'client-1', ['notes:read']);
    expect(second.id).toBe(first.id);
    expect(repository.rows).toEqual([expect.objectContaining({ id: first.id, scopes: ['profile', 'notes:read'] })]);
  });

  it('a first consent that loses the insert to a concurrent one merges into the winner', async () => {
    repository.meanwhile = () => grants.recordConsent('user-1', 'client-1', ['notes:read']);
    const recorded = await grants.recordConsent('user-1', 'client-1', ['profile']);
    expect(repository.rows).toHaveLength(1);
    expect(recorded).toEqual(repository.rows[0]);
    expect(repository.rows[0]!.scopes).toEqual(['notes:read', 'profile']);
  });

  it('a scope update that loses to a concurrent one keeps both consents', async () => {
    await grants.recordConsent('user-1', 'client-1', ['openid']);
    repository.meanwhile = () => grants.recordConsent('user-1', 'client-1', ['notes:read']);
    await grants.recordConsent('user-1', 'client-1', ['profile']);
    expect(repository.rows).toHaveLength(1);
    expect(repository.rows[0]!.scopes).toEqual(['openid', 'notes:read', 'profile']);
  });
});
