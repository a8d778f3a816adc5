import { describe, expect, it } from '@jest/globals';
import { testAppConfig } from '../testing/fixtures.js';
import { DemoClientSettings } from './demo-client-settings.js';

const ISSUER = 'https://id.example.test';

describe('DemoClientSettings', () => {
  it('reaches the server at the issuer by default, with its redirect URI under the issuer', () => {
    const settings = new DemoClientSettings(testAppConfig({ issuer: ISSUER }), { backChannelUrl: undefined });
    expect(settings.redirectUri).toBe(`${ISSUER}/demo/callback`);
    expect(settings.metadataUrl).toBe(`${ISSUER}/.well-known/oauth-authorization-server`);
    expect(settings.apiUrl).toBe(`${ISSUER}/api`);
  });

  it('moves only URLs under the issuer to DEMO_CLIENT_BACKCHANNEL_URL', () => {
    const settings = new DemoClientSettings(testAppConfig({ issuer: ISSUER }), {
      backChannelUrl: 'http://10.0.0.5:3000',
    });
    expect(settings.metadataUrl).toBe('http://10.0.0.5:3000/.well-known/oauth-authorization-server');
    expect(settings.backChannel(`${ISSUER}/oauth/token`)).toBe('http://10.0.0.5:3000/oauth/token');
    expect(settings.backChannel('https://elsewhere.test/oauth/token')).toBe('https://elsewhere.test/oauth/token');
    expect(settings.backChannel(`${ISSUER}.evil.test/oauth/token`)).toBe(`${ISSUER}.evil.test/oauth/token`);
    // The browser and the iss checks keep the public issuer.
    expect(settings.redirectUri).toBe(`${ISSUER}/demo/callback`);
    expect(settings.issuer).toBe(ISSUER);
  });

  it('has no credentials when the client file is missing', () => {
    expect(new DemoClientSettings(testAppConfig(), { backChannelUrl: undefined }).credentials()).toBeUndefined();
  });
});
