import { beforeEach, describe, expect, it } from '@jest/globals';
import { ClientRegistry } from '../../client-registry/client-registry.service.js';
import { sha256 } from '../../common/crypto.js';
import { InvalidClientError, InvalidRequestError } from '../../common/oauth-errors.js';
import { oauthErrorOf, testClient, testSecurityEvents, testVerifiedTokenCache } from '../../testing/fixtures.js';
import { InMemoryClientRepository, InMemoryRateLimitRepository } from '../../testing/in-memory-repositories.js';
import { BufferedRateLimiter } from '../../throttling/buffered-rate-limiter.js';
import { TooManyRequestsError } from '../../common/oauth-errors.js';
import { ClientAuthenticator } from './client-authenticator.js';
import { ClientThrottle } from './client-throttle.js';

/** A throttle allowing each client `perMinute` requests. */
const clientThrottle = (perMinute: number) =>
  new ClientThrottle(new BufferedRateLimiter(new InMemoryRateLimitRepository()), testSecurityEvents(), {
    clientRequestsPerMinute: perMinute,
  } as ConstructorParameters<typeof ClientThrottle>[2]);
import type { TokenRequestDto } from './token-request.dto.js';

const SECRET = 'correct-horse-battery-staple';
/** An id and a secret with characters that RFC 6749 section 2.3.1 makes the client form-encode. */
const ODD_ID = 'app:1 ü';
const ODD_SECRET = 's3cr3t:+%/ é&=';

/** application/x-www-form-urlencoded, as section 2.3.1 asks: spaces become "+". */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');
const basic = (raw: string) => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;
const basicFor = (id: string, secret: string) => basic(`${formEncode(id)}:${formEncode(secret)}`);

describe('ClientAuthenticator: client_secret_basic or client_secret_post for confidential clients, client_id alone for public ones (RFC 6749 sections 2.3, 2.3.1, 5.2)', () => {
  let authenticator: ClientAuthenticator;
  let clients: InMemoryClientRepository;

  beforeEach(async () => {
    clients = new InMemoryClientRepository();
    await clients.insert(testClient({ id: 'web', type: 'confidential', secretHash: sha256(SECRET) }));
    await clients.insert(testClient({ id: ODD_ID, type: 'confidential', secretHash: sha256(ODD_SECRET) }));
    await clients.insert(testClient({ id: 'spa', type: 'public', secretHash: null }));
    authenticator = new ClientAuthenticator(
      new ClientRegistry(clients, testVerifiedTokenCache()),
      clientThrottle(1000),
    );
  });

  const authenticate = (authorization: string | undefined, body: TokenRequestDto = {}) =>
    authenticator.authenticate(authorization, { grant_type: 'authorization_code', ...body });

  async function expectInvalidClient(action: () => Promise<unknown>): Promise<void> {
    const error = await oauthErrorOf(action);
    expect(error).toBeInstanceOf(InvalidClientError);
    expect(error).toMatchObject({ code: 'invalid_client', status: 401 });
  }

  describe('HTTP Basic (client_secret_basic)', () => {
    it('authenticates a confidential client', async () => {
      await expect(authenticate(basicFor('web', SECRET))).resolves.toMatchObject({ id: 'web' });
    });

    it('refuses a client_id with a control character (a NUL) before counting or looking it up', async () => {
      await expectInvalidClient(() => authenticate(basicFor('web\u0000', SECRET)));
      await expectInvalidClient(() => authenticate(basicFor('we\nb', SECRET)));
    });

    it('form-decodes the id and the secret before comparing them', async () => {
      await expect(authenticate(basicFor(ODD_ID, ODD_SECRET))).resolves.toMatchObject({ id: ODD_ID });
    });

    it('reads "%20" as a space as well as "+"', async () => {
      const raw = `${encodeURIComponent(ODD_ID)}:${encodeURIComponent(ODD_SECRET)}`;
      expect(raw).toContain('%20');
      await expect(authenticate(basic(raw))).resolves.toMatchObject({ id: ODD_ID });
    });

    it('does not read an unencoded "+" in the secret as itself', async () => {
      await expectInvalidClient(() => authenticate(basic(`${formEncode(ODD_ID)}:s3cr3t:+%25/+é%26%3D`)));
    });

    it('splits at the first colon: a colon in the secret stays part of it', async () => {
      await expect(authenticate(basic(`${formEncode(ODD_ID)}:s3cr3t:%2B%25%2F+%C3%A9%26%3D`))).resolves.toMatchObject({
        id: ODD_ID,
      });
    });

    it('accepts the scheme name in any case', async () => {
      await expect(authenticate(basicFor('web', SECRET).replace('Basic', 'bAsIc'))).resolves.toMatchObject({
        id: 'web',
      });
    });

    it('refuses a wrong secret, flagging Basic so the answer carries WWW-Authenticate', async () => {
      await expectInvalidClient(() => authenticate(basicFor('web', 'wrong')));
    });

    it('refuses an unknown client', async () => {
      await expectInvalidClient(() => authenticate(basicFor('nobody', SECRET)));
    });

    it('refuses the stored hash presented as the secret', async () => {
      await expectInvalidClient(() => authenticate(basicFor('web', sha256(SECRET))));
    });

    it.each([
      ['another scheme', 'Bearer abc.def.ghi'],
      ['no credentials', 'Basic '],
      ['text that is not base64', 'Basic !!!not-base64!!!'],
      ['no colon', basic('web')],
      ['an empty client id', basic(`:${SECRET}`)],
      ['a broken percent-encoding', basic('web:%zz')],
    ])('refuses a header with %s as invalid_client', async (_, header) => {
      await expectInvalidClient(() => authenticate(header));
    });

    it('accepts a body client_id equal to the Basic one', async () => {
      await expect(authenticate(basicFor('web', SECRET), { client_id: 'web' })).resolves.toMatchObject({ id: 'web' });
    });

    it('refuses a body client_id different from the Basic one (invalid_request)', async () => {
      const error = await oauthErrorOf(() => authenticate(basicFor('web', SECRET), { client_id: 'spa' }));
      expect(error).toBeInstanceOf(InvalidRequestError);
    });
  });

  describe('more than one method at once (section 2.3: the client MUST NOT use more than one)', () => {
    it('refuses HTTP Basic together with client_secret in the body, even when both are right', async () => {
      const error = await oauthErrorOf(() =>
        authenticate(basicFor('web', SECRET), { client_id: 'web', client_secret: SECRET }),
      );
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.code).toBe('invalid_request');
    });
  });

  describe('client_secret in the body (client_secret_post)', () => {
    it('authenticates a confidential client', async () => {
      await expect(authenticate(undefined, { client_id: 'web', client_secret: SECRET })).resolves.toMatchObject({
        id: 'web',
      });
    });

    it('refuses a wrong secret, without the Basic flag', async () => {
      await expectInvalidClient(() => authenticate(undefined, { client_id: 'web', client_secret: 'wrong' }));
    });

    it('refuses a confidential client that sends no secret', async () => {
      await expectInvalidClient(() => authenticate(undefined, { client_id: 'web' }));
    });

    it('refuses an unknown client', async () => {
      await expectInvalidClient(() => authenticate(undefined, { client_id: 'nobody', client_secret: SECRET }));
    });

    it('refuses a request with no client identification at all', async () => {
      await expectInvalidClient(() => authenticate(undefined, {}));
    });
  });

  describe('public clients (section 2.1: they have no credentials)', () => {
    it('are identified by client_id alone', async () => {
      await expect(authenticate(undefined, { client_id: 'spa' })).resolves.toMatchObject({ id: 'spa', type: 'public' });
    });

    it('are refused when they send a secret in the body', async () => {
      await expectInvalidClient(() => authenticate(undefined, { client_id: 'spa', client_secret: 'anything' }));
    });

    it('are refused when they use HTTP Basic', async () => {
      await expectInvalidClient(() => authenticate(basicFor('spa', 'anything')));
    });
  });

  it('gives the same description whichever part was wrong', async () => {
    const unknown = await oauthErrorOf(() => authenticate(undefined, { client_id: 'nobody', client_secret: SECRET }));
    const wrongSecret = await oauthErrorOf(() => authenticate(undefined, { client_id: 'web', client_secret: 'wrong' }));
    expect(unknown.description).toBe(wrongSecret.description);
  });

  describe('per-client throttling (RFC 6819 section 5.2.3.6)', () => {
    it('refuses a client past its requests per minute with 429 and Retry-After, before checking the secret', async () => {
      const throttled = new ClientAuthenticator(
        new ClientRegistry(clients, testVerifiedTokenCache()),
        clientThrottle(2),
      );
      await throttled.authenticate(undefined, { client_id: 'spa' });
      await throttled.authenticate(undefined, { client_id: 'spa' });
      const error = await oauthErrorOf(() => throttled.authenticate(undefined, { client_id: 'spa' }));
      expect(error).toBeInstanceOf(TooManyRequestsError);
      expect(error).toMatchObject({ status: 429, retryAfter: expect.any(Number) });
      // Another client is counted apart.
      await expect(throttled.authenticate(basicFor('web', SECRET), {})).resolves.toMatchObject({ id: 'web' });
    });
  });
});
