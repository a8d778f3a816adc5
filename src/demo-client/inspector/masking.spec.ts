import { describe, expect, it } from '@jest/globals';
import { maskAuthorization, maskFields, maskJson, maskSecret, scrubSecrets, secretValuesIn } from './masking.js';

const TOKEN = 'Zq1xY2_abcdefghijklmnopqrstuvwxyz0123456789'; // 43 characters, like a refresh token

describe('maskSecret', () => {
  it('shows at most 6 characters and the length, never the rest', () => {
    expect(maskSecret(TOKEN)).toBe('Zq1xY2…(43 chars)');
  });

  it('shows at most a quarter of a short value', () => {
    expect(maskSecret('abcdefgh')).toBe('ab…(8 chars)');
    expect(maskSecret('abc')).toBe('…(3 chars)');
  });

  it('says so for an empty value', () => {
    expect(maskSecret('')).toBe('(empty)');
  });
});

describe('maskFields', () => {
  it('masks the credentials of the OAuth wire format and leaves the other parameters', () => {
    const fields = ['client_secret', 'code', 'code_verifier', 'refresh_token', 'token', 'grant_type', 'state'].map(
      (name) => ({ name, value: TOKEN }),
    );
    expect(Object.fromEntries(maskFields(fields).map(({ name, value }) => [name, value]))).toEqual({
      client_secret: 'Zq1xY2…(43 chars)',
      code: 'Zq1xY2…(43 chars)',
      code_verifier: 'Zq1xY2…(43 chars)',
      refresh_token: 'Zq1xY2…(43 chars)',
      token: 'Zq1xY2…(43 chars)',
      grant_type: TOKEN,
      state: TOKEN,
    });
  });
});

describe('maskAuthorization', () => {
  it('keeps the scheme and masks the credentials of Basic and Bearer', () => {
    const basic = `Basic ${Buffer.from(`demo-client:${TOKEN}`).toString('base64')}`;
    expect(maskAuthorization(basic)).toBe('Basic ZGVtby…(76 chars)');
    expect(maskAuthorization(`Bearer ${TOKEN}`)).toBe('Bearer Zq1xY2…(43 chars)');
  });
});

describe('maskJson', () => {
  it('masks secret members at any depth, and only strings', () => {
    const body = { access_token: TOKEN, expires_in: 900, nested: [{ id_token: TOKEN, sub: 'u1' }], code: 7 };
    expect(maskJson(body)).toEqual({
      access_token: 'Zq1xY2…(43 chars)',
      expires_in: 900,
      nested: [{ id_token: 'Zq1xY2…(43 chars)', sub: 'u1' }],
      code: 7,
    });
  });

  it('collects the secret values it would mask, to scrub them elsewhere', () => {
    expect(secretValuesIn({ access_token: 'a'.repeat(10), list: [{ refresh_token: 'b'.repeat(10) }] })).toEqual([
      'a'.repeat(10),
      'b'.repeat(10),
    ]);
  });
});

describe('scrubSecrets', () => {
  it('replaces every occurrence of a known secret with its masked form', () => {
    expect(scrubSecrets(`bad token ${TOKEN}; again ${TOKEN}`, [undefined, TOKEN])).toBe(
      'bad token Zq1xY2…(43 chars); again Zq1xY2…(43 chars)',
    );
  });

  it('ignores values too short to be a credential', () => {
    expect(scrubSecrets('scope profile', ['pro'])).toBe('scope profile');
  });
});
