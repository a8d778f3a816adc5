import { obtainClientToken, obtainTokens } from '../../support/oauth-flow.js';
import { bearerChannel } from '../support/channels.js';
import type { FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import type { Method } from '../support/fuzz-request.js';
import { fuzzParameters } from '../support/parameters.js';
import { resourceRequest } from '../support/resource.js';

const ROUTES: { methods: Method[]; path: string }[] = [
  { methods: ['GET'], path: '/api/profile' },
  { methods: ['GET', 'POST'], path: '/api/notes' },
  { methods: ['GET'], path: '/api/stats' },
  { methods: ['GET'], path: '/api/no-such-route' },
];

/** The API (RFC 6750): its data, or a Bearer challenge; notes only of 1-2000 characters. */
export const api = async ({ t, confidential, baseline, decoy }: FuzzFixture): Promise<FuzzTarget> => {
  const machine = await t.registerClient({
    grantTypes: ['client_credentials'],
    redirectUris: [],
    scopes: ['notes:read'],
  });
  const tokens = [
    ...[baseline.confidential, baseline.publicClient, decoy.confidential, decoy.revoked].map((set) => set.access_token),
    // A client's own token (user routes refuse it) and a user's token with too little scope (403).
    await obtainClientToken(t, machine, 'notes:read'),
    (await obtainTokens(t, confidential, decoy.user, 'openid')).access_token,
  ];
  const known = { text: ['a note', 'x'.repeat(2000), 'x'.repeat(2001), 'ünïcødé 🙂'], owner_id: ['someone-else'] };

  return {
    generate: (rng) =>
      resourceRequest(rng, rng.pick(ROUTES), tokens, { params: fuzzParameters(rng, known), format: 'json' }),
    check: bearerChannel,
    expectedStatuses: [200, 201, 400, 401, 403, 404, 413, 415, 431],
  };
};
