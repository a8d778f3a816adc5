import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ClientRegistry } from '../src/client-registry/client-registry.service.js';
import { DEMO_SPA_CLIENT_ID, DEMO_SPA_SCOPES } from '../src/demo-spa/demo-spa-client.js';
import { DEMO_USER, DemoSeed } from '../src/seed/demo-seed.service.js';
import { cspDirectives } from './support/csp.js';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import { authorizePath, obtainCode, revocationRequest, tokenRequest } from './support/oauth-flow.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

/** A loopback issuer, so the registry accepts the seeded http redirect URI (as `npm start` has it). */
const ISSUER = 'http://localhost:3000';
const SPA_URI = `${ISSUER}/demo/spa`;
/** The seeded client as the page uses it: a client_id and no secret. */
const spa: RegisteredClient = { clientId: DEMO_SPA_CLIENT_ID, redirectUri: SPA_URI };

describe('the single-page app at /demo/spa', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'true', ISSUER });
  });
  afterAll(() => t.close());

  describe('the page and its script', () => {
    it('serves the page with the client_id and redirect_uri it uses, and one external script', async () => {
      const res = await t.http().get('/demo/spa');
      expect({ status: res.status, type: res.type }).toEqual({ status: 200, type: 'text/html' });
      expect(res.text).toContain(`data-client-id="${DEMO_SPA_CLIENT_ID}"`);
      expect(res.text).toContain(`data-redirect-uri="${SPA_URI}"`);
      expect(res.text).toContain(`data-scope="${DEMO_SPA_SCOPES.join(' ')}"`);
      expect(res.text.match(/<script[^>]*>/g)).toEqual(['<script type="module" src="/assets/demo-spa.js">']);
      for (const id of ['sign-in', 'call-api', 'refresh', 'sign-out', 'status', 'error', 'result', 'note-text']) {
        expect(res.text).toContain(`id="${id}"`);
      }
    });

    // Not an RFC MUST: only this origin's scripts run on the page, and only it can be fetched.
    it("has a CSP allowing scripts from this origin only, and fetch to this origin (connect-src falls back to default-src 'self')", async () => {
      const directives = cspDirectives(await t.http().get('/demo/spa'));
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('connect-src') ?? directives.get('default-src')).toEqual(["'self'"]);
    });

    // RFC 9700 section 4.16 (RFC 6749 section 10.13): clickjacking is still prevented.
    it("keeps every other directive of the site's policy, frame-ancestors 'none' included", async () => {
      const page = await t.http().get('/demo/spa');
      const otherPage = await t.http().get('/account');
      const withoutScripts = (directives: Map<string, string[]>) => {
        directives.delete('script-src');
        return Object.fromEntries(directives);
      };
      expect(withoutScripts(cspDirectives(page))).toEqual(withoutScripts(cspDirectives(otherPage)));
      expect(cspDirectives(page).get('frame-ancestors')).toEqual(["'none'"]);
      expect(page.headers['x-frame-options']).toBe('DENY');
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      expect(page.headers['cache-control']).toBe('no-store');
    });

    // RFC 6749 section 4.1.2: the page is its own redirect_uri, for codes and errors alike.
    it.each([
      ['a code', '?code=abc&state=xyz&iss=http%3A%2F%2Flocalhost%3A3000'],
      ['an error', '?error=access_denied&error_description=denied&state=xyz&iss=http%3A%2F%2Flocalhost%3A3000'],
    ])('answers the authorization response with %s with the same page and policy', async (_name, query) => {
      const res = await t.http().get(`/demo/spa${query}`);
      expect(res.status).toBe(200);
      expect(res.text).toContain('src="/assets/demo-spa.js"');
      expect(cspDirectives(res).get('script-src')).toEqual(["'self'"]);
    });

    it('serves the script as JavaScript, reading the endpoints from the metadata', async () => {
      const res = await t.http().get('/assets/demo-spa.js');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.text).toContain("'/.well-known/oauth-authorization-server'");
      expect(res.text).toContain('history.replaceState(');
      expect(res.text).not.toMatch(/\/oauth\/(authorize|token|revoke)/);
      expect(res.text).not.toMatch(/localStorage\s*\./);
    });

    // Not an RFC MUST: the relaxation is for this page only.
    it.each([
      '/account',
      '/docs',
      '/no/such/page',
      authorizePath({ response_type: 'code', client_id: 'no-such-client' }),
    ])("%s keeps script-src 'none'", async (path) => {
      const directives = cspDirectives(await t.http().get(path));
      expect(directives.get('script-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    });
  });

  // RFC 6749 section 2.1: a browser app cannot keep a secret, so it is registered public.
  it('the seed registers demo-spa once, as a public client of the page with rotating refresh tokens', async () => {
    await t.app.get(DemoSeed).onApplicationBootstrap();
    const registered = (await t.app.get(ClientRegistry).list()).filter((client) => client.id === DEMO_SPA_CLIENT_ID);
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({
      type: 'public',
      secretHash: null,
      redirectUris: [SPA_URI],
      scopes: DEMO_SPA_SCOPES,
      grantTypes: ['authorization_code', 'refresh_token'],
    });
  });

  describe('the flow the script runs, through the real login and consent', () => {
    // RFC 7636 section 4.5, RFC 6749 section 2.3: the verifier stands in for the secret a public client lacks.
    it('trades the code with client_id and code_verifier, no secret; then calls the API, refreshes and revokes', async () => {
      const { code, verifier, params } = await obtainCode(t, spa, DEMO_USER, DEMO_SPA_SCOPES.join(' '));
      expect(params.iss).toBe(ISSUER);
      const tokens = await tokenRequest(t, spa, {
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: SPA_URI,
      });
      expect(tokens.status).toBe(200);
      expect(tokens.body).toMatchObject({ token_type: 'Bearer', scope: DEMO_SPA_SCOPES.join(' ') });
      expect(tokens.body.refresh_token).toEqual(expect.any(String));

      const profile = await t.http().get('/api/profile').set('authorization', `Bearer ${tokens.body.access_token}`);
      expect(profile.body.username).toBe(DEMO_USER.username);

      // RFC 9700 section 4.14.2: a public client's refresh token rotates.
      const refreshed = await tokenRequest(t, spa, {
        grant_type: 'refresh_token',
        refresh_token: tokens.body.refresh_token as string,
      });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);

      // Sign out: RFC 7009, revoking the refresh token ends the access token issued with it.
      const revoked = await revocationRequest(t, spa, {
        token: refreshed.body.refresh_token as string,
        token_type_hint: 'refresh_token',
      });
      expect(revoked.status).toBe(200);
      const after = await t.http().get('/api/profile').set('authorization', `Bearer ${refreshed.body.access_token}`);
      expectBearerError(after, 401, 'invalid_token');
    });

    // RFC 7636 section 4.6, RFC 9700 section 2.1.1: without the verifier the code is worthless.
    it('refuses the code without code_verifier: invalid_grant', async () => {
      const { code } = await obtainCode(t, spa, DEMO_USER, DEMO_SPA_SCOPES.join(' '));
      const res = await tokenRequest(t, spa, { grant_type: 'authorization_code', code, redirect_uri: SPA_URI });
      expectTokenError(res, 'invalid_grant');
    });
  });
});
