import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { toPublicJwk } from './public-jwk.js';

describe('toPublicJwk: only public members are published (RFC 7517 section 9.2, RFC 7518 sections 6.2.1, 6.3.1)', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  it('gives kty, n, e, kid, use and alg of an RSA public key', () => {
    const jwk = toPublicJwk(publicKey, 'kid-1', 'RS256');
    const { n, e } = publicKey.export({ format: 'jwk' });
    expect(jwk).toEqual({ kty: 'RSA', n, e, kid: 'kid-1', use: 'sig', alg: 'RS256' });
  });

  it('never carries a private member, even when handed the private key', () => {
    const jwk = toPublicJwk(privateKey, 'kid-1', 'RS256');
    expect(Object.keys(jwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(jwk).toEqual(toPublicJwk(publicKey, 'kid-1', 'RS256'));
  });

  it('gives kty, crv, x, y, kid, use and alg of a P-256 key, and no private `d` even from the private key', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const { x, y } = ec.publicKey.export({ format: 'jwk' });
    const expected = { kty: 'EC', crv: 'P-256', x, y, kid: 'kid-ec', use: 'sig', alg: 'ES256' };
    expect(toPublicJwk(ec.publicKey, 'kid-ec', 'ES256')).toEqual(expected);
    expect(toPublicJwk(ec.privateKey, 'kid-ec', 'ES256')).toEqual(expected);
  });

  it('refuses a key it cannot publish: another curve, or another type', () => {
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    expect(() => toPublicJwk(p384, 'kid-384', 'ES384')).toThrow('neither an RSA nor a P-256 key');
    const ed = generateKeyPairSync('ed25519').publicKey;
    expect(() => toPublicJwk(ed, 'kid-ed', 'EdDSA')).toThrow('neither an RSA nor a P-256 key');
  });
});
