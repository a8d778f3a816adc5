import { beforeEach, describe, expect, it } from '@jest/globals';
import { sha256 } from '../common/crypto.js';
import { testVerifiedTokenCache } from '../testing/fixtures.js';
import { InMemoryClientRepository } from '../testing/in-memory-repositories.js';
import { ClientRegistrationError, ClientRegistry, type ClientRegistration } from './client-registry.service.js';

function registration(overrides: Partial<ClientRegistration> = {}): ClientRegistration {
  return {
    name: 'Web App',
    type: 'confidential',
    redirectUris: ['https://app.example.test/callback'],
    scopes: ['openid', 'notes:read'],
    ...overrides,
  };
}

describe('ClientRegistry: confidential clients get a 256-bit secret stored only as its SHA-256 digest (RFC 6749 sections 2.1-2.3, RFC 9700 section 2.5)', () => {
  let repository: InMemoryClientRepository;
  let registry: ClientRegistry;

  beforeEach(() => {
    repository = new InMemoryClientRepository();
    registry = new ClientRegistry(repository, testVerifiedTokenCache());
  });

  describe('the client secret', () => {
    it('is 256 random bits, as 43 base64url characters', async () => {
      const { clientSecret } = await registry.register(registration());
      expect(clientSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(clientSecret!, 'base64url')).toHaveLength(32);
    });

    it('is different for every client', async () => {
      const first = await registry.register(registration());
      const second = await registry.register(registration());
      expect(first.clientSecret).not.toBe(second.clientSecret);
    });

    it('is stored only as its SHA-256 digest, never in clear', async () => {
      const { client, clientSecret } = await registry.register(registration());
      const stored = repository.rows.get(client.id)!;
      expect(stored.secretHash).toBe(sha256(clientSecret!));
      expect(JSON.stringify(stored)).not.toContain(clientSecret!);
      expect(JSON.stringify(client)).not.toContain(clientSecret!);
    });

    it('matches only the secret that was issued', async () => {
      const { client, clientSecret } = await registry.register(registration());
      expect(registry.secretMatches(client, clientSecret!)).toBe(true);
      expect(registry.secretMatches(client, `${clientSecret}x`)).toBe(false);
      expect(registry.secretMatches(client, clientSecret!.slice(0, -1))).toBe(false);
      expect(registry.secretMatches(client, '')).toBe(false);
    });

    it('cannot be replaced by its stored digest', async () => {
      const { client } = await registry.register(registration());
      expect(registry.secretMatches(client, client.secretHash!)).toBe(false);
    });
  });

  describe('public clients', () => {
    it('get no secret and store no digest', async () => {
      const { client, clientSecret } = await registry.register(registration({ type: 'public' }));
      expect(clientSecret).toBeUndefined();
      expect(client.secretHash).toBeNull();
    });

    it('match no secret at all', async () => {
      const { client } = await registry.register(registration({ type: 'public' }));
      expect(registry.secretMatches(client, '')).toBe(false);
      expect(registry.secretMatches(client, 'anything')).toBe(false);
    });
  });

  describe('registration', () => {
    it('stores the client with a random id and the code flow with refresh tokens by default', async () => {
      const { client } = await registry.register(registration());
      expect(client.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(client.grantTypes).toEqual(['authorization_code', 'refresh_token']);
      await expect(registry.find(client.id)).resolves.toMatchObject({
        name: 'Web App',
        type: 'confidential',
        scopes: ['openid', 'notes:read'],
      });
    });

    it('keeps a fixed id and a narrower list of grant types', async () => {
      const { client } = await registry.register(registration({ id: 'demo', grantTypes: ['authorization_code'] }));
      expect(client).toMatchObject({ id: 'demo', grantTypes: ['authorization_code'] });
    });

    it('refuses an id that is taken, keeping the first client', async () => {
      const { client } = await registry.register(registration({ id: 'demo' }));
      await expect(registry.register(registration({ id: 'demo', name: 'Impostor' }))).rejects.toThrow(
        ClientRegistrationError,
      );
      await expect(registry.find('demo')).resolves.toMatchObject({ name: client.name, secretHash: client.secretHash });
    });

    it('refuses an invalid registration, naming every problem, and stores nothing', async () => {
      const attempt = registry.register({
        name: '  ',
        type: 'confidential',
        redirectUris: ['http://app.example.test/callback', 'https://app.example.test/cb#x'],
        scopes: ['openid', 'admin'],
        grantTypes: ['authorization_code', 'password'],
      });
      await expect(attempt).rejects.toThrow(ClientRegistrationError);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toContain('a name is required');
      expect(message).toContain('"http://app.example.test/callback" must use https');
      expect(message).toContain('must not contain a fragment');
      expect(message).toContain('unknown scope "admin"');
      expect(message).toContain('unsupported grant type "password"');
      expect(repository.rows.size).toBe(0);
    });

    it('registers a confidential client for client_credentials alone, without redirect URI', async () => {
      const { client, clientSecret } = await registry.register(
        registration({ grantTypes: ['client_credentials'], redirectUris: [] }),
      );
      expect(client).toMatchObject({ grantTypes: ['client_credentials'], redirectUris: [] });
      expect(clientSecret).toEqual(expect.any(String));
    });

    it('refuses client_credentials for a public client (RFC 6749 section 4.4: confidential clients only)', async () => {
      const attempt = registry.register(
        registration({ type: 'public', grantTypes: ['authorization_code', 'client_credentials'] }),
      );
      await expect(attempt).rejects.toThrow('a public client cannot use the client_credentials grant');
      expect(repository.rows.size).toBe(0);
    });

    it('still requires a redirect URI of a client that uses the code flow besides client_credentials', async () => {
      const attempt = registry.register(
        registration({ grantTypes: ['authorization_code', 'client_credentials'], redirectUris: [] }),
      );
      await expect(attempt).rejects.toThrow('at least one redirect URI is required');
    });

    it.each([
      ['no redirect URI', { redirectUris: [] }, 'at least one redirect URI is required'],
      ['no scope', { scopes: [] }, 'at least one scope is required'],
    ])('refuses a registration with %s', async (_, overrides, problem) => {
      await expect(registry.register(registration(overrides))).rejects.toThrow(problem);
    });
  });

  it('lists and deletes clients', async () => {
    const { client } = await registry.register(registration({ id: 'one' }));
    await registry.register(registration({ id: 'two', type: 'public' }));
    expect((await registry.list()).map((c) => c.id)).toEqual(['one', 'two']);
    await expect(registry.delete(client.id)).resolves.toBe(true);
    await expect(registry.delete(client.id)).resolves.toBe(false);
    await expect(registry.find(client.id)).resolves.toBeNull();
  });
});
