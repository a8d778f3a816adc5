import { backChannelRequest, failingCredentials } from '../support/back-channel.js';
import { backChannel, noStoreJsonProblem } from '../support/channels.js';
import { fuzzBasicAuthorization } from '../support/credentials.js';
import { FULL_SCOPE, type FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzParameters, type Parameters } from '../support/parameters.js';

/** RFC 6749 section 3.2: whatever arrives, an RFC 6749 section 5.2 error or a token response. */
export const tokenEndpoint = ({ confidential, publicClient, decoy, baseline }: FuzzFixture): FuzzTarget => {
  const failing = failingCredentials(confidential);
  const [secret, conf, pub] = [confidential.clientSecret!, confidential.clientId, publicClient.clientId];
  const known = {
    grant_type: ['authorization_code', 'refresh_token', 'client_credentials', 'password', 'implicit', 'urn:x'],
    code: decoy.codes,
    redirect_uri: [confidential.redirectUri, publicClient.redirectUri, 'https://evil.example/cb'],
    code_verifier: [...decoy.verifiers, 'too-short'],
    refresh_token: [decoy.confidential.refresh_token, decoy.publicClient.refresh_token, decoy.revoked.refresh_token],
    scope: [FULL_SCOPE, 'openid', 'notes:read', 'admin', 'openid openid'],
    client_id: [conf, pub],
    client_secret: [secret, 'not-the-secret'],
  };
  // The decoy material's valid requests, each usable once: some generated requests succeed.
  const valid: Parameters[] = [
    [
      ['grant_type', 'refresh_token'],
      ['refresh_token', decoy.confidential.refresh_token],
      ['client_id', conf],
      ['client_secret', secret],
    ],
    [
      ['grant_type', 'refresh_token'],
      ['refresh_token', decoy.publicClient.refresh_token],
      ['client_id', pub],
    ],
    [
      ['grant_type', 'authorization_code'],
      ['code', decoy.codes[0]!],
      ['redirect_uri', confidential.redirectUri],
      ['code_verifier', decoy.verifiers[0]!],
      ['client_id', conf],
      ['client_secret', secret],
    ],
    [
      ['grant_type', 'authorization_code'],
      ['code', decoy.codes[1]!],
      ['redirect_uri', publicClient.redirectUri],
      ['code_verifier', decoy.verifiers[1]!],
      ['client_id', pub],
    ],
  ];
  const baselineRefreshTokens = [baseline.confidential.refresh_token, baseline.publicClient.refresh_token];

  return {
    generate(rng) {
      if (rng.chance(0.1)) {
        // A baseline refresh token with client credentials that must fail: it must come out intact.
        const params: Parameters = [
          ['grant_type', 'refresh_token'],
          ['refresh_token', rng.pick(baselineRefreshTokens)],
          ...rng.pick(failing.body),
        ];
        return backChannelRequest(rng, '/oauth/token', params, fuzzBasicAuthorization(rng, failing.basic));
      }
      const authorization = rng.chance(0.5)
        ? undefined
        : fuzzBasicAuthorization(rng, [
            [conf, secret],
            [pub, 'x'],
          ]);
      return backChannelRequest(rng, '/oauth/token', fuzzParameters(rng, known, valid), authorization);
    },
    check: backChannel((res) => {
      if (typeof res.body.access_token !== 'string' || res.body.token_type !== 'Bearer') return 'not a token response';
      return noStoreJsonProblem(res);
    }),
    expectedStatuses: [200, 400, 401, 404, 413, 415, 431],
  };
};
