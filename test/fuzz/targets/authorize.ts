import { pkcePair } from '../../support/pkce.js';
import { browserAtForm, fuzzCookie } from '../support/browser.js';
import { browserChannel } from '../support/channels.js';
import { FULL_SCOPE, type FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzMethod } from '../support/bodies.js';
import type { FuzzRequest } from '../support/fuzz-request.js';
import { fuzzParameters, queryString, type Parameters } from '../support/parameters.js';
import { longValue } from '../support/values.js';

/**
 * RFC 6749 section 3.1: an error page, a redirect to this server's login, or a redirect to
 * the redirect_uri registered for the client named in the request (never anywhere else).
 */
export const authorizationEndpoint = async ({
  t,
  confidential,
  publicClient,
  decoy,
  redirectUris,
}: FuzzFixture): Promise<FuzzTarget> => {
  // A browser where the decoy user is logged in (and granted FULL_SCOPE): some requests get a code at once.
  const loggedIn = (await browserAtForm(t, confidential, decoy.user)).cookie;
  const { challenge } = pkcePair();
  const registered = [confidential.redirectUri, publicClient.redirectUri];
  const known = {
    response_type: ['code', 'token', 'code id_token', 'none', 'CODE'],
    client_id: [confidential.clientId, publicClient.clientId, 'no-such-client'],
    redirect_uri: [
      ...registered,
      'https://evil.example/cb',
      '//evil.example/cb',
      'javascript:alert(1)',
      `${confidential.redirectUri}/../../evil`,
      `${confidential.redirectUri}?extra=1`,
      `${confidential.redirectUri}#fragment`,
      'http://localhost:8080@evil.example/callback',
      'http://LOCALHOST:8080/callback',
      '/oauth/interaction/x',
    ],
    scope: [FULL_SCOPE, 'openid', 'profile', 'notes:read', 'admin', 'openid openid'],
    state: ['xyz', '"><script>alert(1)</script>', 'a'.repeat(2048)],
    code_challenge: [challenge, 'too-short', challenge.toLowerCase()],
    code_challenge_method: ['S256', 'plain', 's256'],
    nonce: ['n-0S6_WzA2Mj'],
    prompt: ['none', 'login', 'consent', 'select_account', 'none login', 'junk'],
    max_age: ['0', '60', '-1', '1e309', 'abc', '99999999999999999999'],
  };
  const valid: Parameters[] = [confidential, publicClient].map((client) => [
    ['response_type', 'code'],
    ['client_id', client.clientId],
    ['redirect_uri', client.redirectUri],
    ['scope', FULL_SCOPE],
    ['state', 'xyz'],
    ['code_challenge', challenge],
    ['code_challenge_method', 'S256'],
  ]);

  return {
    generate(rng) {
      const method = fuzzMethod(rng, ['GET']);
      const cookie = fuzzCookie(rng, loggedIn);
      const params = fuzzParameters(rng, known, valid);
      if (rng.chance(0.05)) params.push([rng.pick(Object.keys(known)), longValue(rng)]);
      const request: FuzzRequest = {
        method,
        path: `/oauth/authorize${queryString(rng, params)}`,
        headers: cookie === undefined ? {} : { cookie },
      };
      return request;
    },
    // The client named anywhere in the query (client ids are UUIDs, so a substring test is exact enough).
    check: browserChannel((req) =>
      Object.entries(redirectUris).flatMap(([clientId, uris]) => (req.path.includes(clientId) ? uris : [])),
    ),
    expectedStatuses: [302, 400, 404, 431],
  };
};
