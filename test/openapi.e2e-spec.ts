import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import type { HttpMethod, OpenApiDocument } from '../src/docs/openapi.types.js';
import { schemaVariants } from '../src/docs/schema-fields.js';
import { appRoutes } from './support/app-routes.js';
import { responseProblems } from './support/openapi-conformance.js';
import { openApiProblems } from './support/openapi-structure.js';
import {
  introspectionRequest,
  obtainClientToken,
  obtainTokens,
  revocationRequest,
  tokenRequest,
} from './support/oauth-flow.js';
import { ISSUER, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

/**
 * Routes the document leaves out on purpose, with the reason. A new route must be either
 * documented in src/docs/ or listed here: that is what keeps the document from drifting.
 */
const NOT_DOCUMENTED: Record<string, string> = {
  'GET /oauth/authorize': 'front channel: answers with redirects and pages; the metadata describes it',
  'GET /oauth/interaction/{interaction}': 'browser page (login or consent)',
  'POST /oauth/login': 'browser form',
  'POST /oauth/consent': 'browser form',
  'GET /account': 'browser page',
  'POST /account/login': 'browser form',
  'POST /account/grants/{grantId}/revoke': 'browser form',
  'POST /logout': 'browser form',
  'GET /': 'home page: the four roles and where to see them',
  'GET /demo': "the demo client's page and its flow inspector",
  'GET /demo/callback': "the demo client's redirect_uri",
  'POST /demo/connect': 'demo client form (starts the authorization request)',
  'POST /demo/api/{resource}': 'demo client form (calls the API)',
  'POST /demo/notes': 'demo client form (writes a note through the API)',
  'POST /demo/refresh': 'demo client form',
  'POST /demo/refresh/replay': 'demo client form',
  'POST /demo/revoke': 'demo client form',
  'POST /demo/start-over': 'demo client form',
  'GET /assets/demo.js': "the demo client page's countdown script",
  'GET /assets/app.css': "the pages' stylesheet",
  'GET /demo/spa': 'the single-page app (public client) and its redirect_uri',
  'GET /assets/demo-spa.js': "the single-page app's script",
  'GET /docs': 'this documentation, as a page',
  'GET /docs/openapi.json': 'this documentation, as a document',
  'GET /health/live': 'operations probe, not part of the OAuth or resource API',
  'GET /health/ready': 'operations probe, not part of the OAuth or resource API',
};

const operationsOf = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method: method as HttpMethod, operation })),
  );

describe('API documentation: OpenAPI 3.1 at /docs', () => {
  let t: TestApp;
  let document: OpenApiDocument;

  beforeAll(async () => {
    t = await startTestApp();
    document = (await t.http().get('/docs/openapi.json')).body as OpenApiDocument;
  });
  afterAll(() => t.close());

  function expectDocumented(res: Response, method: HttpMethod, path: string): void {
    expect(responseProblems(document, method, path, res)).toEqual([]);
  }

  describe('serving', () => {
    it('GET /docs/openapi.json: the JSON document, public, cacheable for five minutes, readable from any origin', async () => {
      const res = await t.http().get('/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.body.openapi).toBe('3.1.0');
    });

    it('names the configured issuer as its server, and points the OAuth flows at its endpoints', () => {
      expect(document.servers.map((server) => server.url)).toEqual([ISSUER]);
      expect(document.components.securitySchemes.userToken).toMatchObject({
        flows: {
          authorizationCode: { authorizationUrl: `${ISSUER}/oauth/authorize`, tokenUrl: `${ISSUER}/oauth/token` },
        },
      });
    });

    it('GET /docs: a page listing every operation and its body fields, linking to the JSON, with no script', async () => {
      const res = await t.http().get('/docs');
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-security-policy']).toContain("script-src 'none'");
      expect(res.text).toContain('href="/docs/openapi.json"');
      expect(res.text).not.toMatch(/<script/i);
      for (const { path, method, operation } of operationsOf(document)) {
        expect(res.text).toContain(`<article id="${operation.operationId}">`);
        expect(res.text).toContain(`<code>${method.toUpperCase()} ${path}</code>`);
        const body = operation.requestBody?.content['application/x-www-form-urlencoded']?.schema;
        const fields = body ? schemaVariants(document, body).flatMap((variant) => variant.fields) : [];
        for (const field of fields) expect(res.text).toContain(`<code>${field.name}</code>`);
      }
    });
  });

  describe('the document is structurally valid OpenAPI 3.1', () => {
    it('has the required fields, declared tags, schemes and scopes, and every $ref resolves', () => {
      expect(openApiProblems(document)).toEqual([]);
    });

    it('the check finds a dangling $ref, a response without description and an unknown scope', () => {
      const broken = structuredClone(document) as unknown as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      broken.paths['/api/profile'].get.responses['200'].content['application/json'].schema.$ref = '#/nowhere';
      delete broken.paths['/oauth/token'].post.responses['400'].description;
      broken.paths['/api/stats'].get.security = [{ userToken: ['notes:delete'] }];
      expect(openApiProblems(broken)).toEqual(
        expect.arrayContaining([
          expect.stringContaining('$ref #/nowhere does not resolve'),
          'POST /oauth/token 400: a response needs a description',
          'GET /api/stats: scope "notes:delete" is not in userToken',
        ]),
      );
    });
  });

  describe('drift: the document and the router agree', () => {
    it('every documented operation is a route the app serves, not a 404', async () => {
      const router = t.app.getHttpAdapter().getInstance();
      for (const { path, method } of operationsOf(document)) {
        expect({ path, method, routed: router.hasRoute({ url: path, method: method.toUpperCase() }) }).toEqual({
          path,
          method,
          routed: true,
        });
        const res = await t.http()[method as 'get' | 'post'](path);
        expect({ path, method, status: res.status }).not.toEqual({ path, method, status: 404 });
      }
    });

    it('every route the app serves is documented, or listed as left out on purpose', () => {
      const routes = appRoutes(t.app).map((route) => ({
        ...route,
        key: `${route.method.toUpperCase()} ${route.path}`,
      }));
      const missing = routes.filter(
        ({ method, path, key }) => !document.paths[path]?.[method as HttpMethod] && !NOT_DOCUMENTED[key],
      );
      expect(missing.map(({ key, controller }) => `${key} (${controller})`)).toEqual([]);
      const stale = Object.keys(NOT_DOCUMENTED).filter((key) => !routes.some((route) => route.key === key));
      expect(stale).toEqual([]);
    });
  });

  describe('real responses match the documented schemas and headers', () => {
    let client: RegisteredClient;
    let user: { id: string; username: string; password: string };
    let tokens: Awaited<ReturnType<typeof obtainTokens>> & { id_token?: string };
    /** A user's access token with scope profile only: no openid, no notes. */
    let profileOnly: string;

    beforeAll(async () => {
      client = await t.registerClient({ grantTypes: ['authorization_code', 'refresh_token', 'client_credentials'] });
      user = await t.registerUser();
      tokens = await obtainTokens(t, client, user, 'openid profile email notes:read notes:write');
      profileOnly = (await obtainTokens(t, client, user, 'profile')).access_token;
    });

    const bearer = (method: 'get' | 'post', path: string, token: string) =>
      t.http()[method](path).auth(token, { type: 'bearer' });

    it('token: a code exchange answers every member of TokenResponse, and nothing else', async () => {
      const properties = document.components.schemas.TokenResponse!.properties!;
      expect(Object.keys(tokens).sort()).toEqual(Object.keys(properties).sort());
    });

    it('token: refresh_token and client_credentials responses', async () => {
      const refreshed = await tokenRequest(t, client, {
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token,
      });
      expectDocumented(refreshed, 'post', '/oauth/token');
      tokens = { ...tokens, ...refreshed.body };
      expectDocumented(await tokenRequest(t, client, { grant_type: 'client_credentials' }), 'post', '/oauth/token');
    });

    it('token: errors, 400 and 401 with its Basic challenge', async () => {
      const invalidGrant = await tokenRequest(t, client, { grant_type: 'authorization_code', code: 'nope' });
      expect(invalidGrant.status).toBe(400);
      expectDocumented(invalidGrant, 'post', '/oauth/token');
      const wrongSecret = await tokenRequest(
        t,
        { ...client, clientSecret: 'wrong' },
        { grant_type: 'client_credentials' },
      );
      expect(wrongSecret.status).toBe(401);
      expectDocumented(wrongSecret, 'post', '/oauth/token');
      const json = await t.http().post('/oauth/token').send({ grant_type: 'client_credentials' });
      expectDocumented(json, 'post', '/oauth/token');
    });

    it('introspection: an active access token, an active refresh token, an inactive one, an error', async () => {
      for (const token of [tokens.access_token, tokens.refresh_token, 'unknown'])
        expectDocumented(await introspectionRequest(t, client, { token }), 'post', '/oauth/introspect');
      const clientToken = await obtainClientToken(t, client);
      expectDocumented(await introspectionRequest(t, client, { token: clientToken }), 'post', '/oauth/introspect');
      expectDocumented(await introspectionRequest(t, client, {}), 'post', '/oauth/introspect');
    });

    it('userinfo: GET and POST, and the Bearer challenges', async () => {
      expectDocumented(await bearer('get', '/oauth/userinfo', tokens.access_token), 'get', '/oauth/userinfo');
      expectDocumented(await bearer('post', '/oauth/userinfo', tokens.access_token), 'post', '/oauth/userinfo');
      expectDocumented(await t.http().get('/oauth/userinfo'), 'get', '/oauth/userinfo');
      const insufficientScope = await bearer('get', '/oauth/userinfo', profileOnly);
      expect(insufficientScope.status).toBe(403);
      expectDocumented(insufficientScope, 'get', '/oauth/userinfo');
    });

    it('discovery: both metadata documents and the JWK Set', async () => {
      for (const path of [
        '/.well-known/oauth-authorization-server',
        '/.well-known/openid-configuration',
        '/oauth/jwks',
      ])
        expectDocumented(await t.http().get(path), 'get', path);
    });

    it('resource API: profile, notes, stats, and its errors', async () => {
      const added = await bearer('post', '/api/notes', tokens.access_token).send({ text: 'documented' });
      expect(added.status).toBe(201);
      expectDocumented(added, 'post', '/api/notes');
      expectDocumented(
        await bearer('post', '/api/notes', tokens.access_token).send({ text: '' }),
        'post',
        '/api/notes',
      );
      expectDocumented(await bearer('get', '/api/notes', tokens.access_token), 'get', '/api/notes');
      expectDocumented(await bearer('get', '/api/profile', tokens.access_token), 'get', '/api/profile');
      const clientToken = await obtainClientToken(t, client, 'notes:read');
      expectDocumented(await bearer('get', '/api/stats', clientToken), 'get', '/api/stats');
      expectDocumented(await bearer('get', '/api/profile', clientToken), 'get', '/api/profile');
      expectDocumented(await bearer('get', '/api/notes', profileOnly), 'get', '/api/notes');
      expectDocumented(await t.http().get('/api/profile').set('Authorization', 'Bearer a b'), 'get', '/api/profile');
    });

    it('revocation: 200 with an empty body, and unauthorized_client for another client’s token', async () => {
      const other = await t.registerClient();
      const refused = await revocationRequest(t, other, { token: tokens.refresh_token });
      expect(refused.status).toBe(400);
      expectDocumented(refused, 'post', '/oauth/revoke');
      expectDocumented(await revocationRequest(t, client, { token: tokens.refresh_token }), 'post', '/oauth/revoke');
    });
  });
});
