import { describe, expect, it } from '@jest/globals';
import { testAppConfig } from '../../testing/fixtures.js';
import { DemoClientSettings } from '../demo-client-settings.js';
import { RecordingHttpClient } from '../inspector/recording-http-client.js';
import { newDemoSession } from '../session/demo-session.js';
import { ServerMetadata } from './server-metadata.js';

const ISSUER = 'https://id.example.test';

/** The metadata a server would publish, with `issuer` as given. */
const metadataNaming = (issuer: string) => ({
  issuer,
  authorization_endpoint: `${ISSUER}/oauth/authorize`,
  token_endpoint: `${ISSUER}/oauth/token`,
  revocation_endpoint: `${ISSUER}/oauth/revoke`,
});

/** ServerMetadata over a fetch that answers `body` as JSON. */
function metadataServedAs(body: unknown): ServerMetadata {
  const fetchFn = (async () =>
    new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as unknown as typeof fetch;
  const settings = new DemoClientSettings(testAppConfig({ issuer: ISSUER }), { backChannelUrl: undefined });
  return new ServerMetadata(settings, new RecordingHttpClient(fetchFn));
}

describe('reading the server metadata', () => {
  it('learns the endpoints from metadata that names the trusted issuer', async () => {
    const session = newDemoSession();
    const endpoints = await metadataServedAs(metadataNaming(ISSUER)).discover(session);
    expect(endpoints).toEqual({
      authorization: `${ISSUER}/oauth/authorize`,
      token: `${ISSUER}/oauth/token`,
      revocation: `${ISSUER}/oauth/revoke`,
    });
    expect(session.timeline.entries[0]!.outcome).toBe('ok');
  });

  it('RFC 8414 section 3.3: refuses metadata that names another issuer, and goes nowhere', async () => {
    const session = newDemoSession();
    const endpoints = await metadataServedAs(metadataNaming('https://evil.example')).discover(session);
    expect(endpoints).toBeUndefined();
    const [entry] = session.timeline.entries;
    expect(entry!.outcome).toBe('refused');
    expect(entry!.checks).toContainEqual(
      expect.objectContaining({
        name: 'issuer',
        passed: false,
        detail: expect.stringContaining('https://evil.example'),
      }),
    );
  });
});
