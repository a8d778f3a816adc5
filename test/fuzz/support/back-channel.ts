import { fuzzBody, fuzzMethod } from './bodies.js';
import type { RegisteredClient } from '../../support/test-app.js';
import { pathUnder, type FuzzRequest } from './fuzz-request.js';
import { fuzzParameters, queryString, type Parameters } from './parameters.js';
import type { Random } from './random.js';

/** A form POST to a back-channel endpoint, then varied: method, path, body format, an Authorization header. */
export function backChannelRequest(
  rng: Random,
  path: string,
  params: Parameters,
  authorization: string | undefined,
): FuzzRequest {
  const method = fuzzMethod(rng, ['POST']);
  const { headers, body } = fuzzBody(rng, params);
  const withQuery = rng.chance(0.05) ? queryString(rng, fuzzParameters(rng, { token: [], scope: [] })) : '';
  return {
    method,
    path: pathUnder(rng, path) + withQuery,
    headers: { ...headers, ...(authorization === undefined ? {} : { authorization }) },
    body: method === 'GET' || method === 'HEAD' ? undefined : body,
  };
}

/**
 * Client credentials that fail authentication whatever the server's policy: the confidential
 * client with a wrong secret or none, an unknown client. The baseline tokens travel only with these.
 */
export function failingCredentials(confidential: RegisteredClient): { basic: [string, string][]; body: Parameters[] } {
  return {
    basic: [
      [confidential.clientId, 'not-the-secret'],
      ['no-such-client', 'secret'],
    ],
    body: [
      [['client_id', confidential.clientId]],
      [
        ['client_id', confidential.clientId],
        ['client_secret', 'not-the-secret'],
      ],
      [['client_id', 'no-such-client']],
    ],
  };
}
