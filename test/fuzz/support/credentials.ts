import { junkValue } from './values.js';
import type { Random } from './random.js';

const base64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

/** RFC 6749 section 2.3.1: `Basic base64(urlencode(id) ":" urlencode(secret))`. */
const basicAuthorization = (id: string, secret: string) =>
  `Basic ${base64(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`)}`;

/** Only bytes a header may carry (Node refuses others before sending): latin1 without controls. */
function headerSafe(value: string): string {
  return [...value].map((char) => (/^[\x20-\x7e\x80-\xff]$/.test(char) ? char : '?')).join('');
}

/** A header longer than anything legitimate: under the 16 KiB head limit mostly, far over it sometimes. */
function hugeHeader(rng: Random, prefix: string): string {
  return prefix + 'A'.repeat(rng.chance(0.8) ? rng.int(4_000, 12_000) : rng.int(20_000, 40_000));
}

/**
 * An Authorization header for the back channel: HTTP Basic with `credentials` (well formed
 * or not), wrong schemes, bad base64, non-UTF-8 bytes, huge values; undefined for none.
 */
export function fuzzBasicAuthorization(rng: Random, credentials: readonly [string, string][]): string | undefined {
  const [id, secret] = credentials.length ? rng.pick(credentials) : ['x', 'y'];
  switch (rng.int(0, 11)) {
    case 0:
    case 1:
      return undefined;
    case 2:
    case 3:
      return basicAuthorization(id, secret);
    case 4:
      return `Basic ${base64(`${id}:${junkValue(rng)}`)}`;
    case 5:
      return rng.pick(['Basic', 'Basic ', 'Basic !!!!', 'Basic ====', 'Basic a', 'Basic Og==', 'basic    ', 'Basic\t']);
    case 6:
      return `Basic ${base64(rng.pick([`${id}`, `:${secret}`, `%zz:${secret}`, `${id}:%`, `${id}:%E0%A4%A`]))}`;
    case 7:
      return `Basic ${base64(Buffer.from([0xff, 0xfe, 0x3a, 0xc3, 0x28]))}`;
    case 8:
      return rng.pick([
        'Bearer x',
        'Digest username="a"',
        `Basic ${base64(`${id}:${secret}`)} extra`,
        'Negotiate',
        'ü',
      ]);
    case 9:
      return hugeHeader(rng, 'Basic ');
    case 10:
      return headerSafe(`Basic ${junkValue(rng)}`);
    default:
      return `Basic ${base64(`${junkValue(rng)}:${junkValue(rng)}`)}`;
  }
}

/** Variants of a real access token: truncated, a character changed, a part swapped, a foreign header. */
function tamper(rng: Random, token: string): string {
  const [header, payload, signature] = token.split('.') as [string, string, string];
  switch (rng.int(0, 4)) {
    case 0:
      return token.slice(0, rng.int(0, token.length - 1));
    case 1: {
      const at = rng.int(0, token.length - 1);
      return token.slice(0, at) + (token[at] === 'A' ? 'B' : 'A') + token.slice(at + 1);
    }
    case 2:
      return `${Buffer.from('{"alg":"none","typ":"at+jwt"}').toString('base64url')}.${payload}.`;
    case 3:
      return `${Buffer.from('{"alg":"HS256","typ":"at+jwt","kid":"x"}').toString('base64url')}.${payload}.${signature}`;
    default:
      return `${header}.${Buffer.from('{"sub":"admin","scope":"notes:read"}').toString('base64url')}.${signature}`;
  }
}

/**
 * An Authorization header for a protected resource: a real token (some revoked), a tampered
 * one, junk after `Bearer`, odd schemes and spacing, huge values; undefined for none.
 */
export function fuzzBearerAuthorization(rng: Random, tokens: readonly string[]): string | undefined {
  const token = rng.pick(tokens);
  switch (rng.int(0, 10)) {
    case 0:
      return undefined;
    case 1:
    case 2:
      return `Bearer ${token}`;
    case 3:
    case 4:
      return `Bearer ${tamper(rng, token)}`;
    case 5:
      return headerSafe(`Bearer ${junkValue(rng)}`);
    case 6:
      return rng.pick([
        `bearer ${token}`,
        `BEARER ${token}`,
        `Bearer  ${token}`,
        `Bearer ${token} `,
        `Bearer\t${token}`,
      ]);
    case 7:
      return rng.pick(['Bearer', 'Bearer ', 'Bearer ====', `Basic ${token}`, `Token ${token}`, token, 'Bearer a.b.c']);
    case 8:
      return hugeHeader(rng, 'Bearer ');
    case 9:
      return `Bearer ${token},Bearer ${token}`;
    default:
      return `Bearer ${Buffer.from([0xe9, 0xff, 0x41]).toString('latin1')}${token}`;
  }
}
