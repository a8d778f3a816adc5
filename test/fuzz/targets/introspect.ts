import { backChannelRequest, failingCredentials } from '../support/back-channel.js';
import { backChannel, noStoreJsonProblem } from '../support/channels.js';
import { fuzzBasicAuthorization } from '../support/credentials.js';
import type { FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzParameters, type Parameters } from '../support/parameters.js';

/** RFC 7662 section 2: an introspection answer (exactly `{ "active": false }` when inactive) or a section 5.2 error. */
export const introspectionEndpoint = ({ confidential, publicClient, decoy, baseline }: FuzzFixture): FuzzTarget => {
  const failing = failingCredentials(confidential);
  const [secret, conf, pub] = [confidential.clientSecret!, confidential.clientId, publicClient.clientId];
  // Introspection changes nothing, so the baseline tokens are fair game here.
  const tokens = [baseline.confidential, baseline.publicClient, decoy.confidential, decoy.revoked].flatMap((t) => [
    t.access_token,
    t.refresh_token,
  ]);
  const known = {
    token: tokens,
    token_type_hint: ['access_token', 'refresh_token', 'id_token', 'junk'],
    client_id: [conf, pub],
    client_secret: [secret, 'not-the-secret'],
  };
  const valid: Parameters[] = tokens.map((token) => [
    ['token', token],
    ['client_id', conf],
    ['client_secret', secret],
  ]);

  return {
    generate(rng) {
      const basic: [string, string][] = [[conf, secret], [pub, 'x'], ...failing.basic];
      const authorization = rng.chance(0.5) ? undefined : fuzzBasicAuthorization(rng, basic);
      return backChannelRequest(rng, '/oauth/introspect', fuzzParameters(rng, known, valid), authorization);
    },
    check: backChannel((res) => {
      if (res.body.active !== true && JSON.stringify(res.body) !== '{"active":false}') {
        return 'inactive, but not exactly {"active":false}';
      }
      return noStoreJsonProblem(res);
    }),
    expectedStatuses: [200, 400, 401, 404, 413, 415, 431],
  };
};
