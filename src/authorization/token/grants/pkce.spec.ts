import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { verifierMatchesChallenge } from './pkce.js';

/** RFC 7636 Appendix B. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('verifierMatchesChallenge: BASE64URL(SHA256(code_verifier)) == code_challenge, verifier of 43-128 unreserved characters (RFC 7636 sections 4.1, 4.6)', () => {
  it('matches the RFC 7636 Appendix B test vector', () => {
    expect(verifierMatchesChallenge(VERIFIER, CHALLENGE)).toBe(true);
  });

  it('refuses a different verifier', () => {
    const other = `${VERIFIER.slice(0, -1)}Y`;
    expect(verifierMatchesChallenge(other, CHALLENGE)).toBe(false);
  });

  it('refuses the challenge itself sent as the verifier (plain is not accepted)', () => {
    expect(verifierMatchesChallenge(CHALLENGE, CHALLENGE)).toBe(false);
  });

  it('refuses a challenge that differs only in case', () => {
    expect(verifierMatchesChallenge(VERIFIER, CHALLENGE.toLowerCase())).toBe(false);
  });

  it('accepts the shortest and longest verifiers, 43 and 128 characters, over the whole unreserved set', () => {
    // Challenges computed independently: printf %s "$verifier" | openssl dgst -sha256 -binary | basenc --base64url
    expect(verifierMatchesChallenge('a'.repeat(43), 'ZtNPunH49FD35FWYhT5Tv8I7vRKQJ8uxMaL0_9eHjNA')).toBe(true);
    expect(verifierMatchesChallenge('~'.repeat(128), 'zNhOm5Jyonenca7bQzzpjUpwFDVrfhrbbOGCqgWA6HU')).toBe(true);
    expect(verifierMatchesChallenge('AZaz09-._~'.repeat(5), 'uZgkYn5nrtn0BoVIyqesdu0iSHe3VeTs-zGSRp4xi_0')).toBe(true);
  });

  it.each([
    ['42 characters (too short)', 'a'.repeat(42)],
    ['129 characters (too long)', '~'.repeat(129)],
    ['empty', ''],
    ['a space', `${VERIFIER.slice(0, -1)} `],
    ['a "+"', `${VERIFIER.slice(0, -1)}+`],
    ['a "/"', `${VERIFIER.slice(0, -1)}/`],
    ['a "="', `${VERIFIER.slice(0, -1)}=`],
    ['a non-ASCII letter', `${VERIFIER.slice(0, -1)}é`],
    ['a newline after a valid verifier', `${VERIFIER}\n`],
  ])('refuses a verifier of %s, even when its hash is the challenge', (_, verifier) => {
    // The real S256 challenge of this verifier, so that only the verifier's shape can refuse it.
    const challenge = createHash('sha256').update(verifier, 'utf8').digest('base64url');
    expect(verifierMatchesChallenge(verifier, challenge)).toBe(false);
  });
});
