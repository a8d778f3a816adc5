import type { FuzzRequest } from './fuzz-request.js';
import type { Random } from './random.js';

/**
 * Headers no endpoint should act on: a foreign Host or X-Forwarded-Host must not leak into a
 * redirect (TRUST_PROXY is off), an encoding the server does not decode must not break it.
 */
const ODD_HEADERS: [name: string, values: string[]][] = [
  ['host', ['evil.example', 'evil.example:443', 'localhost:1']],
  ['x-forwarded-host', ['evil.example']],
  ['x-forwarded-proto', ['javascript', 'https']],
  ['x-forwarded-for', ['203.0.113.7', 'junk, ::1']],
  ['forwarded', ['for=203.0.113.7;host=evil.example;proto=https']],
  ['origin', ['https://evil.example', 'null']],
  ['referer', ['https://evil.example/']],
  ['content-encoding', ['gzip', 'br', 'junk']],
  ['accept', ['application/json', 'text/html', '*/*', 'junk']],
  ['accept-language', ['xx', '*;q=junk']],
];

/** One request in eight gets one or two of the odd headers. */
export function withOddHeaders(rng: Random, req: FuzzRequest): FuzzRequest {
  if (!rng.chance(0.125)) return req;
  const headers = { ...req.headers };
  for (let count = rng.int(1, 2); count > 0; count--) {
    const [name, values] = rng.pick(ODD_HEADERS);
    headers[name] = rng.pick(values);
  }
  return { ...req, headers };
}
