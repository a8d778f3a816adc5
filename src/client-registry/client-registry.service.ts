import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { randomToken, safeEqual, sha256 } from '../common/crypto.js';
import { isKnownScope } from '../common/scope-catalog.js';
import { VerifiedTokenCache } from '../tokens/verified-token-cache.js';
import { DEFAULT_GRANT_TYPES, SUPPORTED_GRANT_TYPES, type Client, type ClientType } from './client.js';
import { ClientRepository } from './client.repository.js';
import { redirectUriProblem } from './redirect-uri.js';

export interface ClientRegistration {
  name: string;
  type: ClientType;
  redirectUris: string[];
  scopes: string[];
  grantTypes?: string[];
  /** Fixed id, for seeds; otherwise a random one. */
  id?: string;
}

/** A registration the registry refuses; the message says why, for a person to read. */
export class ClientRegistrationError extends Error {}

/** The client registry: registration, look-up and secret verification. */
@Injectable()
export class ClientRegistry {
  constructor(
    private readonly clients: ClientRepository,
    private readonly verifiedTokens: VerifiedTokenCache,
  ) {}

  /**
   * Registers a client. A confidential client gets a server-generated secret of 256 random
   * bits, returned this once and stored only as its SHA-256 digest: a slow hash adds nothing
   * to a random 256-bit secret and would cap the token endpoint.
   */
  async register(registration: ClientRegistration): Promise<{ client: Client; clientSecret?: string }> {
    this.assertValid(registration);
    const clientSecret = registration.type === 'confidential' ? randomToken(32) : undefined;
    const client: Client = {
      id: registration.id ?? randomUUID(),
      name: registration.name,
      type: registration.type,
      secretHash: clientSecret ? sha256(clientSecret) : null,
      redirectUris: registration.redirectUris,
      scopes: registration.scopes,
      grantTypes: registration.grantTypes ?? [...DEFAULT_GRANT_TYPES],
      createdAt: new Date(),
    };
    if (await this.clients.findById(client.id))
      throw new ClientRegistrationError(`A client with id "${client.id}" already exists`);
    await this.clients.insert(client);
    return { client, clientSecret };
  }

  find(clientId: string): Promise<Client | null> {
    return this.clients.findById(clientId);
  }

  list(): Promise<Client[]> {
    return this.clients.list();
  }

  /**
   * Deletes the client with its grants, codes and tokens; its access tokens stop at once here,
   * and within REVOCATION_SYNC_INTERVAL on the other instances.
   */
  async delete(clientId: string): Promise<boolean> {
    const deleted = await this.clients.delete(clientId);
    if (deleted) this.verifiedTokens.revoke('client', clientId);
    return deleted;
  }

  /** Compares a presented secret with the stored digest in constant time. */
  secretMatches(client: Client, secret: string): boolean {
    return client.secretHash !== null && safeEqual(sha256(secret), client.secretHash);
  }

  private assertValid(registration: ClientRegistration): void {
    const problems: string[] = [];
    const grantTypes: readonly string[] = registration.grantTypes ?? DEFAULT_GRANT_TYPES;
    if (!registration.name.trim()) problems.push('a name is required');
    // RFC 6749 section 3.1.2.2: clients register their redirection endpoint before they use the
    // authorization endpoint; a client of client_credentials alone never does.
    if (grantTypes.includes('authorization_code') && registration.redirectUris.length === 0) {
      problems.push('at least one redirect URI is required');
    }
    for (const uri of registration.redirectUris) {
      const problem = redirectUriProblem(uri);
      if (problem) problems.push(problem);
    }
    if (registration.scopes.length === 0) problems.push('at least one scope is required');
    for (const scope of registration.scopes.filter((s) => !isKnownScope(s))) problems.push(`unknown scope "${scope}"`);
    for (const grant of grantTypes.filter((g) => !SUPPORTED_GRANT_TYPES.includes(g as never))) {
      problems.push(`unsupported grant type "${grant}"`);
    }
    // RFC 6749 section 4.4: the client credentials grant MUST only be used by confidential clients.
    if (registration.type === 'public' && grantTypes.includes('client_credentials')) {
      problems.push('a public client cannot use the client_credentials grant: it has no credentials');
    }
    if (problems.length > 0) throw new ClientRegistrationError(problems.join('; '));
  }
}
