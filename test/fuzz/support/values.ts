import type { Random } from './random.js';

const UNICODE = [
  'ünïcødé',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '日本語',
  '‮evil',
  'a\u200bb',
  '🙂🙃',
  'e\u0301',
  '\ufeffbom',
  '\ud800',
  'x\udfffy',
];
const INJECTIONS = [
  "' OR '1'='1",
  '"; DROP TABLE users; --',
  '<script>alert(1)</script>',
  '{{constructor.constructor("return 1")()}}',
  '../../../etc/passwd',
  '${jndi:ldap://x}',
  '\r\nSet-Cookie: x=1',
  'javascript:alert(1)',
  '//evil.example/',
];
const ODD_WORDS = [
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'toString',
  'NaN',
  '-1',
  '1e309',
];
/** A value no well-behaved client sends: empty, random, unicode, control bytes, long, hostile. */
export function junkValue(rng: Random): string {
  switch (rng.int(0, 9)) {
    case 0:
      return '';
    case 1:
      return rng.string(rng.int(1, 40));
    case 2:
      return rng.pick(UNICODE);
    case 3:
      return `a\u0000b${rng.chance(0.5) ? '\u0000' : ''}`;
    case 4:
      return rng.string(rng.int(257, 6000));
    case 5:
      return rng.pick(INJECTIONS);
    case 6:
      return rng.pick(ODD_WORDS);
    case 7:
      return rng.pick([' ', '\t', '\r\n', ' x ', '+']);
    case 8:
      return rng.string(rng.int(1, 30), '!"#$%&\'()*+,/:;<=>?@[\\]^`{|}');
    default:
      return rng.string(rng.int(1, 20)) + rng.pick(UNICODE);
  }
}

/** A plausible value (mostly) or a junk one. */
export function valueFrom(rng: Random, plausible: readonly string[], junkShare = 0.4): string {
  return plausible.length === 0 || rng.chance(junkShare) ? junkValue(rng) : rng.pick(plausible);
}

/** A long URL-safe value: up to 12 KB (the request head still fits) or 20-70 KB (it does not). */
export function longValue(rng: Random): string {
  return rng.string(rng.chance(0.6) ? rng.int(1_000, 12_000) : rng.int(20_000, 70_000));
}

/** `size` bytes of filler, e.g. to push a body past the 64 KiB limit. */
export function filler(rng: Random, size: number): string {
  return rng.pick(['a', '%41', 'ü', '&']).repeat(size).slice(0, size);
}
