import { SecurityEventRepository, type StoredSecurityEvent } from '../audit/security-event.repository.js';
import { RateLimitRepository } from '../throttling/rate-limit.repository.js';
import type { User } from '../accounts/user.js';
import { UserRepository } from '../accounts/user.repository.js';
import type { AuthorizationCode } from '../authorization/codes/authorization-code.repository.js';
import { AuthorizationCodeRepository } from '../authorization/codes/authorization-code.repository.js';
import type { Client } from '../client-registry/client.js';
import { ClientRepository } from '../client-registry/client.repository.js';
import { SigningKeyRepository, type StoredSigningKey } from '../keys/signing-key.repository.js';
import { RefreshTokenRepository, type RefreshTokenRecord, type Successor } from '../tokens/refresh-token.repository.js';
import { RevocationLog, type RevocationChanges } from '../tokens/revocation-log.js';
import { RevokedAccessTokenRepository } from '../tokens/revoked-access-token.repository.js';
import { TokenFamilyRepository, type RevocationReason, type TokenFamily } from '../tokens/token-family.repository.js';

/**
 * In-memory adapters of the storage ports, for unit specs. They keep the ports' contracts as
 * the TypeORM adapters do: records are copied in and out (a caller never holds a live row),
 * an insert with a taken key fails like a primary key, and the conditional updates
 * (`redeem`, `markRotated`, `revoke`, `retireOlderThan`) change a row only while their condition holds, so that
 * of concurrent callers exactly one wins. `rows` is there for specs to inspect what is stored.
 */
class Table<T> {
  readonly rows = new Map<string, T>();

  constructor(private readonly copy: (row: T) => T) {}

  insert(key: string, row: T): void {
    if (this.rows.has(key)) throw new Error(`duplicate key "${key}"`);
    this.rows.set(key, this.copy(row));
  }

  find(key: string): T | null {
    const row = this.rows.get(key);
    return row ? this.copy(row) : null;
  }

  /** Applies `change` to the row if it exists and `condition` holds; true if it did. */
  update(key: string, condition: (row: T) => boolean, change: Partial<T>): boolean {
    const row = this.rows.get(key);
    if (!row || !condition(row)) return false;
    this.rows.set(key, { ...row, ...change });
    return true;
  }
}

export class InMemoryClientRepository extends ClientRepository {
  private readonly table = new Table<Client>((client) => ({
    ...client,
    redirectUris: [...client.redirectUris],
    scopes: [...client.scopes],
    grantTypes: [...client.grantTypes],
  }));
  readonly rows = this.table.rows;

  async findById(id: string): Promise<Client | null> {
    return this.table.find(id);
  }

  async list(): Promise<Client[]> {
    return [...this.rows.keys()].map((id) => this.table.find(id)!);
  }

  async insert(client: Client): Promise<void> {
    this.table.insert(client.id, client);
  }

  async delete(id: string): Promise<boolean> {
    return this.rows.delete(id);
  }
}

export class InMemoryAuthorizationCodeRepository extends AuthorizationCodeRepository {
  private readonly table = new Table<AuthorizationCode>((code) => ({ ...code, scopes: [...code.scopes] }));
  readonly rows = this.table.rows;

  /** The families and refresh tokens, which `redeem` stores as the SQL adapter does. */
  constructor(
    private readonly families: TokenFamilyRepository,
    private readonly refreshTokens: RefreshTokenRepository,
  ) {
    super();
  }

  async insert(code: AuthorizationCode): Promise<void> {
    this.table.insert(code.codeHash, code);
  }

  async findByHash(codeHash: string): Promise<AuthorizationCode | null> {
    return this.table.find(codeHash);
  }

  async redeem(
    codeHash: string,
    family: TokenFamily,
    firstRefreshToken: RefreshTokenRecord | null,
    now: Date,
  ): Promise<boolean> {
    await this.families.insert(family);
    const won = this.table.update(codeHash, (code) => code.redeemedAt === null, {
      redeemedAt: now,
      familyId: family.id,
    });
    if (won && firstRefreshToken) await this.refreshTokens.insert(firstRefreshToken);
    return won;
  }
}

export class InMemoryRefreshTokenRepository extends RefreshTokenRepository {
  private readonly table = new Table<RefreshTokenRecord>((token) => ({ ...token }));
  readonly rows = this.table.rows;

  /** The families, which `rotateToSuccessor` reads as the SQL adapter's statement does. */
  constructor(private readonly families: TokenFamilyRepository) {
    super();
  }

  async insert(token: RefreshTokenRecord): Promise<void> {
    this.table.insert(token.tokenHash, token);
  }

  async findByHash(tokenHash: string): Promise<RefreshTokenRecord | null> {
    return this.table.find(tokenHash);
  }

  async markRotated(tokenHash: string, now: Date): Promise<boolean> {
    return this.table.update(tokenHash, (token) => token.rotatedAt === null, { rotatedAt: now });
  }

  async rotateToSuccessor(
    tokenHash: string,
    clientId: string,
    successor: Successor,
    now: Date,
  ): Promise<TokenFamily | null> {
    const family = (await this.families.findById(this.table.find(tokenHash)?.familyId ?? '')) ?? undefined;
    const familyLive = family?.revokedAt === null && family.expiresAt > now;
    const isCurrent = (token: RefreshTokenRecord) =>
      familyLive && token.clientId === clientId && token.rotatedAt === null && token.expiresAt > now;
    if (!family || !this.table.update(tokenHash, isCurrent, { rotatedAt: now })) return null;
    const expiresAt = successor.expiresAt < family.expiresAt ? successor.expiresAt : family.expiresAt;
    this.table.insert(successor.tokenHash, {
      tokenHash: successor.tokenHash,
      familyId: family.id,
      clientId,
      createdAt: now,
      expiresAt,
      rotatedAt: null,
    });
    return family;
  }
}

export class InMemoryTokenFamilyRepository extends TokenFamilyRepository {
  private readonly table = new Table<TokenFamily>((family) => ({ ...family, scopes: [...family.scopes] }));
  readonly rows = this.table.rows;

  async insert(family: TokenFamily): Promise<void> {
    this.table.insert(family.id, family);
  }

  async findById(id: string): Promise<TokenFamily | null> {
    return this.table.find(id);
  }

  /** Like the SQL adapter, only a live family is revoked: the first reason is the one kept. */
  async revoke(id: string, reason: RevocationReason, now: Date): Promise<void> {
    this.table.update(id, (family) => family.revokedAt === null, { revokedAt: now, revokedReason: reason });
  }
}

export class InMemoryRevokedAccessTokenRepository extends RevokedAccessTokenRepository {
  /** Like the SQL adapter's upsert, revoking a jti again keeps one row. */
  readonly rows = new Map<string, { expiresAt: Date; revokedAt: Date }>();

  async insert(jti: string, expiresAt: Date, now: Date): Promise<void> {
    this.rows.set(jti, { expiresAt, revokedAt: now });
  }

  async exists(jti: string): Promise<boolean> {
    return this.rows.has(jti);
  }
}

/**
 * The revocations the other in-memory repositories hold, read back by instant as the SQL
 * adapter reads its tables; `deletedClients` stands for the `deleted_clients` table.
 */
export class InMemoryRevocationLog extends RevocationLog {
  readonly deletedClients = new Map<string, Date>();

  constructor(
    private readonly families: InMemoryTokenFamilyRepository,
    private readonly revoked: InMemoryRevokedAccessTokenRepository,
  ) {
    super();
  }

  async changesSince(since: Date): Promise<RevocationChanges> {
    const after = (instant: Date | null) => instant !== null && instant >= since;
    return {
      families: [...this.families.rows.values()].filter((family) => after(family.revokedAt)).map((family) => family.id),
      accessTokens: [...this.revoked.rows].filter(([, row]) => after(row.revokedAt)).map(([jti]) => jti),
      clients: [...this.deletedClients].filter(([, deletedAt]) => after(deletedAt)).map(([id]) => id),
    };
  }

  async clientDeletedSince(clientId: string, instant: Date): Promise<boolean> {
    const deletedAt = this.deletedClients.get(clientId);
    return deletedAt !== undefined && deletedAt >= instant;
  }
}

export class InMemorySigningKeyRepository extends SigningKeyRepository {
  private readonly table = new Table<StoredSigningKey>((key) => ({ ...key }));
  readonly rows = this.table.rows;

  async findUsable(now: Date): Promise<StoredSigningKey[]> {
    return (await this.findAll()).filter((key) => key.retiresAt === null || key.retiresAt > now);
  }

  async findAll(): Promise<StoredSigningKey[]> {
    return [...this.rows.values()]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((key) => ({ ...key }));
  }

  async insert(key: StoredSigningKey): Promise<void> {
    this.table.insert(key.kid, key);
  }

  async retireOlderThan(createdBefore: Date, retiresAt: Date): Promise<void> {
    for (const kid of this.rows.keys()) {
      this.table.update(kid, (key) => key.retiresAt === null && key.createdAt < createdBefore, { retiresAt });
    }
  }
}

/** Users by id and username. */
export class InMemoryUserRepository extends UserRepository {
  readonly rows = new Map<string, User>();

  findById(id: string): Promise<User | null> {
    return Promise.resolve(this.rows.get(id) ?? null);
  }

  findByUsername(username: string): Promise<User | null> {
    return Promise.resolve([...this.rows.values()].find((user) => user.username === username) ?? null);
  }

  list(): Promise<User[]> {
    return Promise.resolve([...this.rows.values()]);
  }

  insert(user: User): Promise<void> {
    this.rows.set(user.id, { ...user });
    return Promise.resolve();
  }
}

/** Fixed-window counters by key. */
export class InMemoryRateLimitRepository extends RateLimitRepository {
  readonly rows = new Map<string, { windowStart: number; hits: number }>();

  add(key: string, windowStart: Date, added: number): Promise<number> {
    const row = this.rows.get(key);
    if (row && row.windowStart > windowStart.getTime()) return Promise.resolve(added);
    const hits = row && row.windowStart === windowStart.getTime() ? row.hits + added : added;
    this.rows.set(key, { windowStart: windowStart.getTime(), hits });
    return Promise.resolve(hits);
  }

  count(key: string, windowStart: Date): Promise<number> {
    const row = this.rows.get(key);
    return Promise.resolve(row && row.windowStart === windowStart.getTime() ? row.hits : 0);
  }

  reset(key: string): Promise<void> {
    this.rows.delete(key);
    return Promise.resolve();
  }
}

/** The audit trail, in order. */
export class InMemorySecurityEventRepository extends SecurityEventRepository {
  readonly rows: StoredSecurityEvent[] = [];

  insert(event: StoredSecurityEvent): Promise<void> {
    this.rows.push(event);
    return Promise.resolve();
  }
}
