import { beforeEach, describe, expect, it } from '@jest/globals';
import { ClientRegistry } from '../../../client-registry/client-registry.service.js';
import { InvalidRequestError, UnknownClientError } from '../../../common/oauth-errors.js';
import { InMemoryClientRepository } from '../../../testing/in-memory-repositories.js';
import { oauthErrorOf, testClient, testVerifiedTokenCache } from '../../../testing/fixtures.js';
import type { AuthorizationContext } from '../authorization-context.js';
import { checkClient } from './client.check.js';

describe('checkClient: client_id must name a registered client, errors never redirected (RFC 6749 section 4.1.2.1)', () => {
  let check: ReturnType<typeof checkClient>;

  beforeEach(async () => {
    const repository = new InMemoryClientRepository();
    await repository.insert(testClient({ id: 'web-app' }));
    check = checkClient(new ClientRegistry(repository, testVerifiedTokenCache()));
  });

  it('puts the registered client on the context', async () => {
    const context: AuthorizationContext = { params: { client_id: 'web-app' } };
    await check(context);
    expect(context.client).toMatchObject({ id: 'web-app', name: 'Web App' });
  });

  it('refuses a missing client_id with invalid_request that may not be redirected', async () => {
    const error = await oauthErrorOf(() => check({ params: {} }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ code: 'invalid_request', redirectable: false });
    expect(error.description).toContain('client_id');
  });

  it('refuses an empty client_id like a missing one', async () => {
    const error = await oauthErrorOf(() => check({ params: { client_id: '' } }));
    expect(error).toMatchObject({ code: 'invalid_request', redirectable: false });
  });

  it('refuses an unknown client_id with invalid_client that may not be redirected', async () => {
    const context: AuthorizationContext = { params: { client_id: 'someone-else' } };
    const error = await oauthErrorOf(() => check(context));
    expect(error).toBeInstanceOf(UnknownClientError);
    expect(error).toMatchObject({ code: 'invalid_client', redirectable: false });
    expect(context.client).toBeUndefined();
  });

  it('matches client_id exactly (case-sensitive)', async () => {
    const error = await oauthErrorOf(() => check({ params: { client_id: 'WEB-APP' } }));
    expect(error).toBeInstanceOf(UnknownClientError);
  });
});
