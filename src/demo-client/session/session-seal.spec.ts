import { describe, expect, it } from '@jest/globals';
import { seal, sessionIdHash, unseal } from './session-seal.js';

const ID = 'x'.repeat(43);
const OTHER = 'y'.repeat(43);

describe('session seal', () => {
  it('opens what it sealed, under the same id', () => {
    const state = { tokens: { accessToken: 'secret-access-token' } };
    expect(unseal(ID, seal(ID, state))).toEqual(state);
  });

  it('holds nothing readable: the sealed text contains no token', () => {
    expect(seal(ID, { accessToken: 'secret-access-token' })).not.toContain('secret');
  });

  it('opens nothing under another id, nor once altered', () => {
    const sealed = seal(ID, { a: 1 });
    expect(unseal(OTHER, sealed)).toBeUndefined();
    const bytes = Buffer.from(sealed, 'base64url');
    bytes[bytes.length - 1]! ^= 1;
    expect(unseal(ID, bytes.toString('base64url'))).toBeUndefined();
    expect(unseal(ID, 'short')).toBeUndefined();
  });

  it('keys the row by a hash the sealing key cannot be derived from', () => {
    expect(sessionIdHash(ID)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(sessionIdHash(ID)).not.toBe(ID);
  });
});
