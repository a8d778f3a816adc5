import { describe, expect, it } from '@jest/globals';
import jsonwebtoken from 'jsonwebtoken';
import { generateKeyPairSync } from 'node:crypto';
import { decodeJws, signJws } from './jws.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const PAYLOAD = { sub: 'user-1', exp: 2_000_000_000 };

describe('JWS compact serialization (RFC 7515 section 7.1), signed off the event loop', () => {
  it.each([
    ['RS256', rsa],
    ['ES256', ec],
  ] as const)('%s: a token any JOSE library verifies, with our header as written', async (alg, pair) => {
    const token = await signJws({ alg, typ: 'at+jwt', kid: 'kid-1' }, PAYLOAD, pair.privateKey);
    const verified = jsonwebtoken.verify(token, pair.publicKey, { algorithms: [alg], complete: true });
    expect(verified.header).toEqual({ alg, typ: 'at+jwt', kid: 'kid-1' });
    expect(verified.payload).toEqual(PAYLOAD);
  });

  it('ES256: the signature is R || S, 64 bytes (RFC 7518 section 3.4), not DER', async () => {
    const token = await signJws({ alg: 'ES256', typ: 'JWT', kid: 'k' }, PAYLOAD, ec.privateKey);
    expect(decodeJws(token)!.signature).toHaveLength(64);
  });

  it('a tampered payload or another key fails verification; a key never signs for the other algorithm', async () => {
    const token = await signJws({ alg: 'RS256', typ: 'JWT', kid: 'k' }, PAYLOAD, rsa.privateKey);
    const [header, , signature] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...PAYLOAD, sub: 'admin' })).toString('base64url')}.${signature}`;
    expect(() => jsonwebtoken.verify(forged, rsa.publicKey, { algorithms: ['RS256'] })).toThrow('invalid signature');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(() => jsonwebtoken.verify(token, other, { algorithms: ['RS256'] })).toThrow('invalid signature');
    // RFC 8725 section 3.1: a key is used with its own algorithm only.
    await expect(signJws({ alg: 'ES256', typ: 'JWT', kid: 'k' }, PAYLOAD, rsa.privateKey)).rejects.toThrow(
      'A rsa key cannot sign ES256',
    );
  });

  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
    ['a payload that is an array', `e30.${Buffer.from('[1]').toString('base64url')}.c2ln`],
    ['characters outside base64url', 'e30.e30+.c2ln'],
  ])('does not decode %s', (_, token) => {
    expect(decodeJws(token)).toBeNull();
  });
});
