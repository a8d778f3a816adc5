import type { Random } from './random.js';
import { junkValue, valueFrom } from './values.js';

/** Percent sequences that do not decode, or decode to bytes that are not UTF-8. */
const BROKEN_ESCAPES = [
  '%',
  '%z',
  '%zz',
  '%g0',
  '%%',
  '%C3%28',
  '%FF',
  '%ED%A0%80',
  '%C0%AF',
  '%F8%88%80%80%80',
  '%00',
];
/** Raw bytes that are not UTF-8: a truncated sequence, an invalid byte, an encoded surrogate, an overlong slash. */
const INVALID_UTF8 = [[0xc3, 0x28], [0xff], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0x80], [0xe2, 0x82]];

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of `value` (lone surrogates become U+FFFD, as a browser sends them). */
export function percentEncode(value: string, spaceAsPlus = false): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (UNRESERVED.test(char)) out += char;
    else if (byte === 0x20 && spaceAsPlus) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * Only what the request line cannot carry (and `#`, which would end it) is encoded: `&`, `=`,
 * `%` and `+` stay raw and break the structure.
 */
function rawInQuery(value: string): string {
  return [...value].map((char) => (/[\x21-\x7e]/.test(char) && char !== '#' ? char : percentEncode(char))).join('');
}

/**
 * One `name=value` pair as it appears in a query or form body: usually well encoded; else raw
 * (in a body, the value's own bytes: NUL, CR LF, UTF-8), with a broken escape, double-encoded,
 * or followed by bytes that are not UTF-8.
 */
function encodePair(rng: Random, name: string, value: string, inBody: boolean): Buffer {
  const roll = rng.next();
  const encodedName = roll < 0.95 ? percentEncode(name, true) : rawInQuery(name);
  let encoded: Buffer;
  if (roll < 0.8) encoded = Buffer.from(percentEncode(value, true));
  else if (roll < 0.87) encoded = inBody ? Buffer.from(value, 'utf8') : Buffer.from(rawInQuery(value));
  else if (roll < 0.95) {
    const good = percentEncode(value, true);
    const at = rng.int(0, good.length);
    encoded = Buffer.from(good.slice(0, at) + rng.pick(BROKEN_ESCAPES) + good.slice(at));
  } else encoded = Buffer.from(percentEncode(percentEncode(value)));
  const pair = Buffer.concat([Buffer.from(`${encodedName}=`), encoded]);
  if (!inBody || !rng.chance(0.08)) return pair;
  return Buffer.concat([pair, Buffer.from(rng.pick(INVALID_UTF8))]);
}

export type Parameters = [name: string, value: string][];

/** A valid request's parameters with 0-2 changes: one dropped, one junk, one repeated, one added. */
function mutate(rng: Random, valid: Parameters, known: Record<string, readonly string[]>): Parameters {
  const params: Parameters = valid.map(([name, value]) => [name, value]);
  for (let changes = rng.int(0, 2); changes > 0 && params.length > 0; changes--) {
    const at = rng.int(0, params.length - 1);
    const [name] = params[at]!;
    const roll = rng.int(0, 3);
    if (roll === 0) params.splice(at, 1);
    else if (roll === 1) params[at] = [name, junkValue(rng)];
    else if (roll === 2) params.push([name, valueFrom(rng, known[name] ?? [])]);
    else {
      const other = rng.pick(Object.keys(known));
      params.push([other, valueFrom(rng, known[other]!)]);
    }
  }
  return params;
}

/**
 * Parameters for one request. A share (`validShare`) start from one of `valid` with at most
 * two changes, so requests get past the first checks (and some succeed); the rest draw each
 * known parameter (present or missing, plausible or junk, sometimes repeated), add unknown
 * ones, and shuffle them.
 */
export function fuzzParameters(
  rng: Random,
  known: Record<string, readonly string[]>,
  valid: readonly Parameters[] = [],
  validShare = 0.35,
): Parameters {
  if (valid.length > 0 && rng.chance(validShare)) return mutate(rng, rng.pick(valid), known);
  const params: Parameters = [];
  for (const [name, plausible] of Object.entries(known)) {
    if (!rng.chance(0.65)) continue;
    params.push([name, valueFrom(rng, plausible)]);
    if (rng.chance(0.08)) params.push([name, valueFrom(rng, plausible)]);
  }
  while (rng.chance(0.2)) params.push([rng.chance(0.5) ? rng.string(rng.int(1, 12)) : junkValue(rng), junkValue(rng)]);
  for (let i = params.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [params[i], params[j]] = [params[j]!, params[i]!];
  }
  return params;
}

/** `a=1&b=2` with odd separators now and then (`&&`, a trailing `&`, a pair with no `=`). */
export function encodeParameters(rng: Random, params: Parameters, inBody: boolean): Buffer {
  const pairs = params.map(([name, value]) => encodePair(rng, name, value, inBody));
  if (rng.chance(0.05)) pairs.push(Buffer.from(rng.pick(['', 'lonely', '=', '==', '&', '=x'])));
  return Buffer.concat(pairs.flatMap((pair, i) => (i === 0 ? [pair] : [Buffer.from('&'), pair])));
}

/** A query string for a request line; '' when there are no parameters. */
export function queryString(rng: Random, params: Parameters): string {
  const query = encodeParameters(rng, params, false).toString('latin1');
  return query ? `?${query}` : '';
}
