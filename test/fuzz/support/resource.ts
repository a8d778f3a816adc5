import { fuzzBody, fuzzMethod } from './bodies.js';
import { fuzzBearerAuthorization } from './credentials.js';
import { pathUnder, type FuzzRequest, type Method } from './fuzz-request.js';
import { fuzzParameters, queryString, type Parameters } from './parameters.js';
import type { Random } from './random.js';

/**
 * A request to a protected resource: its method (or another), a Bearer header built from
 * `tokens` (or none, or junk), now and then a token in the query, where it must not count
 * (RFC 6750 section 2.3 is not supported), and a body in `format` for methods that carry one.
 */
export function resourceRequest(
  rng: Random,
  route: { methods: Method[]; path: string },
  tokens: readonly string[],
  body: { params: Parameters; format: 'form' | 'json' },
): FuzzRequest {
  const method = fuzzMethod(rng, route.methods);
  const authorization = fuzzBearerAuthorization(rng, tokens);
  const query = rng.chance(0.15) ? queryString(rng, fuzzParameters(rng, { access_token: tokens })) : '';
  const { headers, body: bytes } =
    method === 'GET' || method === 'HEAD' ? { headers: {}, body: undefined } : fuzzBody(rng, body.params, body.format);
  return {
    method,
    path: pathUnder(rng, route.path) + query,
    headers: { ...headers, ...(authorization === undefined ? {} : { authorization }) },
    body: bytes,
  };
}
