import { describe, expect, it } from '@jest/globals';
import { randomToken, sameSecret, sha256Base64url } from './crypto.js';

describe("the demo client's crypto helpers", () => {
  it('makes 256-bit random tokens, 43 base64url characters, never the same twice', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(randomToken());
  });

  it('hashes to base64url SHA-256', () => {
    expect(sha256Base64url('abc')).toBe('ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0');
  });

  it('compares secrets of any length', () => {
    expect(sameSecret('state-value', 'state-value')).toBe(true);
    expect(sameSecret('state-value', 'state-valuf')).toBe(false);
    expect(sameSecret('state-value', 'state')).toBe(false);
  });
});
