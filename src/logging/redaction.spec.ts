import { describe, expect, it } from '@jest/globals';
import { redactPaths, scrubSecrets } from './redaction.js';

const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXBhcnQ';

describe('scrubSecrets: secrets quoted in free text never reach a log line', () => {
  it('replaces a JWT, wherever it sits in the text', () => {
    expect(scrubSecrets(`could not verify ${JWT}, giving up`)).toBe('could not verify [REDACTED JWT], giving up');
  });

  it('replaces the credentials of a Basic, Bearer or DPoP authorization, keeping the scheme', () => {
    expect(scrubSecrets('Authorization: Basic ZGVtbzpzZWNyZXQ=')).toBe('Authorization: Basic [REDACTED]');
    expect(scrubSecrets('header was bearer abc.def-ghi~')).toBe('header was bearer [REDACTED]');
    expect(scrubSecrets('DPoP x1y2')).toBe('DPoP [REDACTED]');
  });

  it('replaces codes, state, tokens, secrets and passwords in URLs and form bodies', () => {
    expect(scrubSecrets('/cb?code=Rk3abc&state=xyz&iss=http%3A%2F%2Fa')).toBe(
      '/cb?code=[REDACTED]&state=[REDACTED]&iss=http%3A%2F%2Fa',
    );
    expect(scrubSecrets('grant_type=refresh_token&refresh_token=Zq1&client_secret=s3&password=p w')).toBe(
      'grant_type=refresh_token&refresh_token=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED] w',
    );
  });

  it('replaces secret fields in JSON text, escaped quotes included', () => {
    expect(scrubSecrets('{"username":"alice","password":"a \\"quoted\\" pass","code":"c1"}')).toBe(
      '{"username":"alice","password":"[REDACTED]","code":"[REDACTED]"}',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'POST /oauth/token 400 invalid_grant; error_code=7; the codes table; Basic';
    expect(scrubSecrets(text)).toBe(text);
  });
});

describe('redactPaths', () => {
  it('covers each secret field at the top of a line and one or two objects down', () => {
    expect(redactPaths()).toEqual(
      expect.arrayContaining([
        'password',
        '*.client_secret',
        '*.*.authorization',
        '["set-cookie"]',
        '*.*["set-cookie"]',
      ]),
    );
  });
});
