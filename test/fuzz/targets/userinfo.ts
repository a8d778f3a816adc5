import { bearerChannel } from '../support/channels.js';
import type { FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzParameters } from '../support/parameters.js';
import { resourceRequest } from '../support/resource.js';

/** OpenID Connect Core section 5.3 (an RFC 6750 protected resource): claims, or a Bearer challenge. */
export const userinfoEndpoint = ({ baseline, decoy }: FuzzFixture): FuzzTarget => {
  const tokens = [baseline.confidential, baseline.publicClient, decoy.confidential, decoy.revoked].map(
    (t) => t.access_token,
  );
  const known = { access_token: tokens, scope: ['openid', 'profile email'], claims: ['{"userinfo":{}}'] };

  return {
    generate: (rng) =>
      resourceRequest(rng, { methods: ['GET', 'POST'], path: '/oauth/userinfo' }, tokens, {
        params: fuzzParameters(rng, known),
        format: 'form',
      }),
    check: bearerChannel,
    expectedStatuses: [200, 400, 401, 404, 413, 431],
  };
};
