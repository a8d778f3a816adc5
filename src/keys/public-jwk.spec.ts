import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { toPublicJwk } from './public-jwk.js';

describe('toPublicJwk: only public members are published (RFC 7517 section 9.2, RFC 7518 section 6.3.1)', () => {
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

  it('refuses a key that is not RSA', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey;
    expect(() => toPublicJwk(ec, 'kid-ec', 'ES256')).toThrow('not an RSA key');
  });
});
