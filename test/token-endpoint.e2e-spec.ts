import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { Response } from 'supertest';
import { SigningKeyService } from '../src/keys/signing-key.service.js';
import { expectBearerError, expectTokenError } from './support/expectations.js';
import {
  decide,
  logIn,
  obtainCode,
  obtainTokens,
  startAuthorization,
  tokenRequest,
  type IssuedCode,
} from './support/oauth-flow.js';
import { ISSUER, startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const SCOPE = 'profile notes:read notes:write';
type User = { id: string; username: string; password: string };

describe('POST /oauth/token', () => {
  let t: TestApp;
  let client: RegisteredClient;
  let user: User;

  beforeAll(async () => {
    t = await startTestApp();
    client = await t.registerClient();
    user = await t.registerUser();
  });
  afterAll(() => t.close());

  /** The form that redeems `issued` correctly; `changes` replace fields, undefined drops one. */
  function codeForm(
    issued: IssuedCode,
    redirectUri: string,
    changes: Record<string, string | undefined> = {},
  ): Record<string, string> {
    const form = {
      grant_type: 'authorization_code',
      code: issued.code,
      code_verifier: issued.verifier,
      redirect_uri: redirectUri,
      ...changes,
    };
    return Object.fromEntries(
      Object.entries(form).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
  }

  const redeem = (issued: IssuedCode, changes: Record<string, string | undefined> = {}, by = client) =>
    tokenRequest(t, by, codeForm(issued, by.redirectUri, changes));

  /** A token request with no client authentication added: the test sets it up itself. */
  const bareRequest = () => t.http().post('/oauth/token').type('form');

  const profile = (accessToken: string) => t.http().get('/api/profile').auth(accessToken, { type: 'bearer' });

  /**
   * RFC 6749 section 5.2: invalid_client is 401, and after HTTP Basic it MUST carry
   * `WWW-Authenticate: Basic`; RFC 9110 section 15.5.2 asks the challenge of every 401.
   */
  function expectInvalidClient(res: Response): void {
    expectTokenError(res, 'invalid_client', 401);
    expect(res.headers['www-authenticate']).toMatch(/^Basic realm="[^"]+"/);
  }

  describe('client authentication (RFC 6749 section 2.3)', () => {
    it('accepts client_secret_basic', async () => {
      const issued = await obtainCode(t, client, user);
      const res = await bareRequest()
        .auth(client.clientId, client.clientSecret!)
        .send(codeForm(issued, client.redirectUri));
      expect(res.status).toBe(200);
    });

    it('accepts client_secret_post', async () => {
      const issued = await obtainCode(t, client, user);
      const form = {
        ...codeForm(issued, client.redirectUri),
        client_id: client.clientId,
        client_secret: client.clientSecret!,
      };
      const res = await bareRequest().send(form);
      expect(res.status).toBe(200);
    });

    it('refuses Basic and client_secret together with invalid_request (section 2.3: one method per request)', async () => {
      const issued = await obtainCode(t, client, user);
      const form = {
        ...codeForm(issued, client.redirectUri),
        client_id: client.clientId,
        client_secret: client.clientSecret!,
      };
      expectTokenError(await bareRequest().auth(client.clientId, client.clientSecret!).send(form), 'invalid_request');
    });

    it('answers a wrong secret over Basic with 401 invalid_client and WWW-Authenticate: Basic', async () => {
      const issued = await obtainCode(t, client, user);
      expectInvalidClient(
        await bareRequest().auth(client.clientId, 'wrong-secret').send(codeForm(issued, client.redirectUri)),
      );
    });

    it('answers a wrong client_secret in the body with 401 invalid_client', async () => {
      const issued = await obtainCode(t, client, user);
      const form = {
        ...codeForm(issued, client.redirectUri),
        client_id: client.clientId,
        client_secret: 'wrong-secret',
      };
      expectInvalidClient(await bareRequest().send(form));
    });

    it('answers an unknown client over Basic with 401 invalid_client and WWW-Authenticate: Basic', async () => {
      expectInvalidClient(
        await bareRequest().auth('no-such-client', 'secret').send({ grant_type: 'authorization_code', code: 'x' }),
      );
    });

    it('answers an unknown client_id in the body with 401 invalid_client', async () => {
      const form = {
        grant_type: 'authorization_code',
        code: 'x',
        client_id: 'no-such-client',
        client_secret: 'secret',
      };
      expectInvalidClient(await bareRequest().send(form));
    });

    it('answers a malformed Basic header with 401 invalid_client and WWW-Authenticate: Basic', async () => {
      const res = await bareRequest()
        .set('Authorization', 'Basic !!not-base64!!')
        .send({ grant_type: 'authorization_code', code: 'x' });
      expectInvalidClient(res);
    });

    it('answers a request without any client authentication with 401 invalid_client', async () => {
      const issued = await obtainCode(t, client, user);
      expectInvalidClient(await bareRequest().send(codeForm(issued, client.redirectUri)));
    });

    it('refuses a confidential client that sends only its client_id', async () => {
      const issued = await obtainCode(t, client, user);
      expectInvalidClient(
        await bareRequest().send({ ...codeForm(issued, client.redirectUri), client_id: client.clientId }),
      );
    });

    it('lets a public client authenticate with client_id and code_verifier alone', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const issued = await obtainCode(t, publicClient, user);
      const res = await bareRequest().send({
        ...codeForm(issued, publicClient.redirectUri),
        client_id: publicClient.clientId,
      });
      expect(res.status).toBe(200);
      expect(res.body.scope).toBe(SCOPE);
    });

    it('refuses a public client that sends a client_secret', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const issued = await obtainCode(t, publicClient, user);
      const form = {
        ...codeForm(issued, publicClient.redirectUri),
        client_id: publicClient.clientId,
        client_secret: 'anything',
      };
      expectInvalidClient(await bareRequest().send(form));
    });

    it('refuses a public client that authenticates with HTTP Basic', async () => {
      const publicClient = await t.registerClient({ type: 'public' });
      const issued = await obtainCode(t, publicClient, user);
      expectInvalidClient(
        await bareRequest().auth(publicClient.clientId, 'anything').send(codeForm(issued, publicClient.redirectUri)),
      );
    });
  });

  describe('request format and grant_type (RFC 6749 sections 3.1, 3.2 and 5.2)', () => {
    it('refuses a request without grant_type with invalid_request', async () => {
      const issued = await obtainCode(t, client, user);
      expectTokenError(await redeem(issued, { grant_type: undefined }), 'invalid_request');
    });

    it.each(['password', 'implicit', 'urn:ietf:params:oauth:grant-type:device_code'])(
      'answers grant_type=%s with unsupported_grant_type',
      async (grantType) => {
        expectTokenError(await tokenRequest(t, client, { grant_type: grantType }), 'unsupported_grant_type');
      },
    );

    it('answers a grant the client is not registered for with unauthorized_client', async () => {
      const codeOnly = await t.registerClient({ grantTypes: ['authorization_code'] });
      const res = await tokenRequest(t, codeOnly, { grant_type: 'refresh_token', refresh_token: 'x'.repeat(43) });
      expectTokenError(res, 'unauthorized_client');
    });

    it('issues no refresh token to a client that is not registered for the refresh_token grant', async () => {
      const codeOnly = await t.registerClient({ grantTypes: ['authorization_code'] });
      const tokens = await obtainTokens(t, codeOnly, user);
      expect(tokens.access_token).toEqual(expect.any(String));
      expect(tokens).not.toHaveProperty('refresh_token');
    });

    it('refuses a JSON body with invalid_request, without spending the code (section 3.2: form-encoded)', async () => {
      const issued = await obtainCode(t, client, user);
      const json = await bareRequest()
        .auth(client.clientId, client.clientSecret!)
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(codeForm(issued, client.redirectUri)));
      expectTokenError(json, 'invalid_request');
      expect((await redeem(issued)).status).toBe(200);
    });

    it.each(['grant_type', 'code', 'code_verifier'])(
      'refuses a repeated %s with invalid_request (section 3.1)',
      async (name) => {
        const issued = await obtainCode(t, client, user);
        const form = new URLSearchParams(codeForm(issued, client.redirectUri));
        form.append(name, form.get(name)!);
        const res = await bareRequest().auth(client.clientId, client.clientSecret!).send(form.toString());
        expectTokenError(res, 'invalid_request');
      },
    );
  });

  describe('authorization_code grant (RFC 6749 section 4.1.3, RFC 7636 section 4.6)', () => {
    /** The browser leg without PKCE, which this server allows for confidential clients only. */
    async function obtainCodeWithoutPkce(confidential: RegisteredClient): Promise<string> {
      const browser = t.browser();
      const login = await startAuthorization(browser, {
        response_type: 'code',
        client_id: confidential.clientId,
        redirect_uri: confidential.redirectUri,
        scope: SCOPE,
        state: 'no-pkce',
      });
      const fresh = await t.registerUser();
      const consent = await logIn(browser, login, fresh.username, fresh.password);
      return (await decide(browser, consent, 'approve')).params.code!;
    }

    it('refuses a request without code with invalid_request', async () => {
      expectTokenError(
        await tokenRequest(t, client, { grant_type: 'authorization_code', redirect_uri: client.redirectUri }),
        'invalid_request',
      );
    });

    it('refuses an unknown code with invalid_grant', async () => {
      const issued = await obtainCode(t, client, user);
      expectTokenError(await redeem(issued, { code: 'A'.repeat(43) }), 'invalid_grant');
    });

    it("refuses another client's code with invalid_grant", async () => {
      const other = await t.registerClient();
      const issued = await obtainCode(t, client, user);
      expectTokenError(await redeem(issued, {}, other), 'invalid_grant');
    });

    it('refuses an expired code with invalid_grant', async () => {
      const own = await t.registerClient();
      const issued = await obtainCode(t, own, user);
      await t.sql('UPDATE authorization_codes SET expires_at = ? WHERE client_id = ?', [
        Date.now() - 1000,
        own.clientId,
      ]);
      expectTokenError(await redeem(issued, {}, own), 'invalid_grant');
    });

    it("refuses a redirect_uri other than the authorization request's with invalid_grant", async () => {
      const twoUris = await t.registerClient({
        redirectUris: ['http://localhost:8080/callback', 'http://localhost:8080/other'],
      });
      const issued = await obtainCode(t, twoUris, user);
      expectTokenError(await redeem(issued, { redirect_uri: 'http://localhost:8080/other' }, twoUris), 'invalid_grant');
    });

    it('refuses a missing redirect_uri when the authorization request had one, with invalid_grant', async () => {
      const issued = await obtainCode(t, client, user);
      expectTokenError(await redeem(issued, { redirect_uri: undefined }), 'invalid_grant');
    });

    it('refuses a missing code_verifier with invalid_grant', async () => {
      const issued = await obtainCode(t, client, user);
      expectTokenError(await redeem(issued, { code_verifier: undefined }), 'invalid_grant');
    });

    it('refuses a wrong code_verifier with invalid_grant (RFC 7636 section 4.6)', async () => {
      const issued = await obtainCode(t, client, user);
      expectTokenError(await redeem(issued, { code_verifier: 'x'.repeat(43) }), 'invalid_grant');
    });

    it('redeems a code issued without a challenge when no code_verifier is sent', async () => {
      const code = await obtainCodeWithoutPkce(client);
      const res = await tokenRequest(t, client, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: client.redirectUri,
      });
      expect(res.status).toBe(200);
    });

    it('refuses a code_verifier for a code issued without a challenge (RFC 9700 section 2.1.1: PKCE downgrade)', async () => {
      const code = await obtainCodeWithoutPkce(client);
      const form = {
        grant_type: 'authorization_code',
        code,
        redirect_uri: client.redirectUri,
        code_verifier: 'v'.repeat(43),
      };
      expectTokenError(await tokenRequest(t, client, form), 'invalid_grant');
    });

    it('refuses a code used twice and revokes the tokens of its first use (section 4.1.2)', async () => {
      const issued = await obtainCode(t, client, user);
      const first = await redeem(issued);
      expect(first.status).toBe(200);
      expect((await profile(first.body.access_token)).status).toBe(200);

      expectTokenError(await redeem(issued), 'invalid_grant');
      expectBearerError(await profile(first.body.access_token), 401, 'invalid_token');
      expectTokenError(
        await tokenRequest(t, client, { grant_type: 'refresh_token', refresh_token: first.body.refresh_token }),
        'invalid_grant',
      );
    });
  });

  describe('successful response (RFC 6749 section 5.1, RFC 9068)', () => {
    it('has exactly the RFC 6749 fields and is never cached', async () => {
      const res = await redeem(await obtainCode(t, client, user));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      // Section 5.1: Cache-Control: no-store and Pragma: no-cache are MUST.
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['pragma']).toBe('no-cache');
      expect(res.body).toEqual({
        access_token: expect.any(String),
        token_type: 'Bearer',
        expires_in: 900,
        refresh_token: expect.any(String),
        scope: SCOPE,
      });
    });

    it('issues an RS256 at+jwt access token with the RFC 9068 claims, signed by the current key', async () => {
      const res = await redeem(await obtainCode(t, client, user));
      const key = t.app.get(SigningKeyService).current('RS256');
      const { header } = jwt.decode(res.body.access_token, { complete: true })!;
      expect(header).toEqual({ typ: 'at+jwt', alg: 'RS256', kid: key.kid });

      const claims = jwt.verify(res.body.access_token, key.publicKey, { algorithms: ['RS256'] }) as JwtPayload;
      expect(claims).toEqual(
        expect.objectContaining({
          iss: ISSUER,
          sub: user.id,
          aud: `${ISSUER}/api`,
          client_id: client.clientId,
          scope: SCOPE,
          iat: expect.any(Number),
          exp: expect.any(Number),
          jti: expect.any(String),
        }),
      );
      expect(Math.abs(claims.iat! - Date.now() / 1000)).toBeLessThan(60);
      expect(claims.exp! - claims.iat!).toBe(900);
    });

    it('gives every access token its own jti', async () => {
      const first = await redeem(await obtainCode(t, client, user));
      const second = await redeem(await obtainCode(t, client, user));
      const jti = (res: Response) => (jwt.decode(res.body.access_token) as JwtPayload).jti;
      expect(jti(first)).not.toBe(jti(second));
    });
  });
});

describe('POST /oauth/token with ACCESS_TOKEN_TTL=120', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ACCESS_TOKEN_TTL: '120' });
  });
  afterAll(() => t.close());

  it('issues access tokens that live 120 seconds', async () => {
    const tokens = await obtainTokens(t, await t.registerClient(), await t.registerUser());
    expect(tokens.expires_in).toBe(120);
    const claims = jwt.decode(tokens.access_token) as JwtPayload;
    expect(claims.exp! - claims.iat!).toBe(120);
  });
});
