import { describe, expect, it } from '@jest/globals';
import { randomToken, safeEqual, sha256 } from './crypto.js';

describe('crypto: random tokens of full entropy, SHA-256 digests for storage, constant-time comparison (RFC 6749 section 10.10, RFC 9700 section 4.14.2)', () => {
  describe('randomToken', () => {
    it('gives 32 bytes (256 bits) as 43 URL-safe characters by default', () => {
      const token = randomToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    });

    it('gives the number of bytes asked for', () => {
      expect(Buffer.from(randomToken(16), 'base64url')).toHaveLength(16);
      expect(Buffer.from(randomToken(64), 'base64url')).toHaveLength(64);
    });

    it('never repeats', () => {
      const tokens = new Set(Array.from({ length: 1000 }, () => randomToken()));
      expect(tokens.size).toBe(1000);
    });
  });

  describe('sha256', () => {
    it('is the SHA-256 digest in base64url without padding (FIPS 180-2 "abc" vector)', () => {
      // ba7816bf 8f01cfea 414140de 5dae2223 b00361a3 96177a9c b410ff61 f20015ad
      expect(sha256('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
    });

    it('hashes text as UTF-8', () => {
      // printf 'é' | openssl dgst -sha256 -binary | basenc --base64url (UTF-8 bytes c3 a9, not Latin-1 e9)
      expect(sha256('é')).toBe('SplVfkAzw1Od4utlRyAXytX5VX96BiWgnxw_biumnEw');
    });
  });

  describe('safeEqual', () => {
    it('is true for equal strings', () => {
      expect(safeEqual('same value', 'same value')).toBe(true);
      expect(safeEqual('', '')).toBe(true);
    });

    it.each([
      ['a different last character', 'secret-a', 'secret-b'],
      ['a prefix', 'secret', 'secret-longer'],
      ['a different case', 'Secret', 'secret'],
      ['an empty string', '', 'secret'],
    ])('is false for %s', (_, a, b) => {
      expect(safeEqual(a, b)).toBe(false);
      expect(safeEqual(b, a)).toBe(false);
    });
  });
});
