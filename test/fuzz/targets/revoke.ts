import { backChannelRequest, failingCredentials } from '../support/back-channel.js';
import { backChannel } from '../support/channels.js';
import { fuzzBasicAuthorization } from '../support/credentials.js';
import type { FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzParameters, type Parameters } from '../support/parameters.js';

/** RFC 7009 section 2: 200 with an empty body, or a section 5.2 error. */
export const revocationEndpoint = ({ confidential, publicClient, decoy, baseline }: FuzzFixture): FuzzTarget => {
  const failing = failingCredentials(confidential);
  const [secret, conf, pub] = [confidential.clientSecret!, confidential.clientId, publicClient.clientId];
  const decoyTokens = [decoy.confidential, decoy.publicClient, decoy.revoked].flatMap((t) => [
    t.access_token,
    t.refresh_token,
  ]);
  const baselineTokens = [baseline.confidential, baseline.publicClient].flatMap((t) => [
    t.access_token,
    t.refresh_token,
  ]);
  const known = {
    token: decoyTokens,
    token_type_hint: ['access_token', 'refresh_token', 'junk'],
    client_id: [conf, pub],
    client_secret: [secret, 'not-the-secret'],
  };
  const valid: Parameters[] = [
    [
      ['token', decoy.confidential.access_token],
      ['client_id', conf],
      ['client_secret', secret],
    ],
    [
      ['token', decoy.publicClient.refresh_token],
      ['client_id', pub],
    ],
    [
      ['token', 'an-unknown-token'],
      ['client_id', pub],
    ],
  ];

  return {
    generate(rng) {
      if (rng.chance(0.1)) {
        // A baseline token with client credentials that must fail: it must come out intact.
        const params: Parameters = [['token', rng.pick(baselineTokens)], ...rng.pick(failing.body)];
        return backChannelRequest(rng, '/oauth/revoke', params, fuzzBasicAuthorization(rng, failing.basic));
      }
      const authorization = rng.chance(0.5)
        ? undefined
        : fuzzBasicAuthorization(rng, [
            [conf, secret],
            [pub, 'x'],
          ]);
      return backChannelRequest(rng, '/oauth/revoke', fuzzParameters(rng, known, valid), authorization);
    },
    check: backChannel((res) => (res.text === '' ? undefined : '200 with a body')),
    expectedStatuses: [200, 400, 401, 404, 413, 415, 431],
  };
};
