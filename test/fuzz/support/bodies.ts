import type { Method } from './fuzz-request.js';
import { encodeParameters, type Parameters } from './parameters.js';
import { filler, junkValue } from './values.js';
import type { Random } from './random.js';

const FORM_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=UTF-8',
  'APPLICATION/X-WWW-FORM-URLENCODED',
  'application/x-www-form-urlencoded; charset=utf-16',
  'application/x-www-form-urlencoded;;;charset',
];
const OTHER_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data',
  'multipart/form-data; boundary=x',
  'application/octet-stream',
  'application/json; charset=latin1',
  'application/x-www-form-urlencodedx',
  'garbage',
  '*/*',
  ';',
  '',
];
const BROKEN_JSON = [
  '{',
  '{"a":',
  '[1,2',
  '"unterminated',
  '{"__proto__":{"polluted":1}}',
  '{"a":1}{"b":2}',
  'nul',
  '',
];

/** A JSON value in place of a parameter: the right type sometimes, an array, object, number or null otherwise. */
function jsonValue(rng: Random, value: string): unknown {
  switch (rng.int(0, 9)) {
    case 0:
      return [value, value];
    case 1:
      return { value, nested: { deeper: [value] } };
    case 2:
      return rng.pick([0, -1, 1e308, 3.14]);
    case 3:
      return rng.pick([null, true, false]);
    case 4:
      return [];
    default:
      return value;
  }
}

function jsonBody(rng: Random, params: Parameters): string {
  if (rng.chance(0.25)) return rng.pick(BROKEN_JSON);
  if (rng.chance(0.1)) return JSON.stringify(params.map(([name, value]) => ({ [name]: value })));
  const body: Record<string, unknown> = {};
  for (const [name, value] of params) body[name] = jsonValue(rng, value);
  return JSON.stringify(body);
}

export interface Body {
  headers: Record<string, string>;
  body?: Buffer;
}

/**
 * A body for `params`: usually in the endpoint's own format (a form, or JSON for the API)
 * under its content type (sometimes an odd variant), else the other format, another or no
 * content type, or nothing; about one in twelve is padded to 60-70 KB, around the 64 KiB limit.
 */
export function fuzzBody(rng: Random, params: Parameters, format: 'form' | 'json' = 'form'): Body {
  const form = (): Body => ({
    headers: { 'content-type': rng.chance(0.8) ? FORM_TYPES[0]! : rng.pick(FORM_TYPES) },
    body: encodeParameters(rng, params, true),
  });
  const json = (): Body => ({
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(jsonBody(rng, params)),
  });
  const roll = rng.next();
  let result: Body;
  if (roll < 0.65) result = format === 'form' ? form() : json();
  else if (roll < 0.77) result = format === 'form' ? json() : form();
  else if (roll < 0.87) {
    const body = rng.chance(0.5) ? encodeParameters(rng, params, true) : Buffer.from(junkValue(rng));
    result = { headers: { 'content-type': rng.pick(OTHER_TYPES) }, body };
  } else if (roll < 0.93) result = { headers: {}, body: encodeParameters(rng, params, true) };
  else result = { headers: rng.chance(0.5) ? { 'content-type': FORM_TYPES[0]! } : {} };
  if (rng.chance(0.08)) {
    const pad = filler(rng, rng.int(60_000, 70_000));
    const isJson = result.headers['content-type'] === 'application/json';
    const padding = Buffer.from(isJson ? JSON.stringify({ ...Object.fromEntries(params), pad }) : `&pad=${pad}`);
    result.body = result.body && !isJson ? Buffer.concat([result.body, padding]) : padding;
  }
  return result;
}

const WRONG_METHODS: Method[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'];

/** The endpoint's own method, or (about one in seven) another one. */
export function fuzzMethod(rng: Random, methods: readonly Method[]): Method {
  return rng.chance(0.85) ? rng.pick(methods) : rng.pick(WRONG_METHODS.filter((m) => !methods.includes(m)));
}
