import { beforeEach, describe, expect, it } from '@jest/globals';
import { ClientRegistry } from '../../client-registry/client-registry.service.js';
import {
  InvalidRedirectUriError,
  InvalidRequestError,
  InvalidScopeError,
  UnknownClientError,
  UnsupportedResponseTypeError,
} from '../../common/oauth-errors.js';
import { testClient, testVerifiedTokenCache } from '../../testing/fixtures.js';
import { InMemoryClientRepository } from '../../testing/in-memory-repositories.js';
import type { AuthorizationRequestDto } from './authorization-request.dto.js';
import { AuthorizationRedirectError } from './authorization-redirect.error.js';
import { AuthorizePipeline } from './authorize.pipeline.js';

const SPA_CALLBACK = 'http://localhost:5173/callback';
const WEB_CALLBACKS = ['https://web.example.test/callback', 'https://web.example.test/other'];
/** RFC 7636 Appendix B. */
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

function spaRequest(overrides: Partial<AuthorizationRequestDto> = {}): AuthorizationRequestDto {
  return {
    client_id: 'spa',
    redirect_uri: SPA_CALLBACK,
    response_type: 'code',
    scope: 'openid notes:read',
    state: 'xyz-state',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  };
}

/** The error `validate` rejects with; fails the spec when it resolves. */
async function rejectionOf(pipeline: AuthorizePipeline, params: AuthorizationRequestDto): Promise<unknown> {
  return pipeline.validate(params).then(
    () => {
      throw new Error('Expected the authorization request to be refused');
    },
    (error: unknown) => error,
  );
}

describe('AuthorizePipeline: the authorization request checked in order; errors redirected only once redirect_uri is verified (RFC 6749 sections 4.1.1, 4.1.2.1)', () => {
  let pipeline: AuthorizePipeline;

  beforeEach(async () => {
    const clients = new InMemoryClientRepository();
    await clients.insert(
      testClient({ id: 'spa', type: 'public', redirectUris: [SPA_CALLBACK], scopes: ['openid', 'notes:read'] }),
    );
    await clients.insert(
      testClient({ id: 'web', type: 'confidential', redirectUris: WEB_CALLBACKS, scopes: ['openid', 'profile'] }),
    );
    pipeline = new AuthorizePipeline(new ClientRegistry(clients, testVerifiedTokenCache()));
  });

  describe('a valid request', () => {
    it('returns the client, verified redirect_uri, scopes and code_challenge', async () => {
      const params = spaRequest();
      const valid = await pipeline.validate(params);
      expect(valid).toMatchObject({
        params,
        client: { id: 'spa', type: 'public' },
        redirectUri: SPA_CALLBACK,
        scopes: ['openid', 'notes:read'],
        codeChallenge: CHALLENGE,
      });
    });

    it('gives a null code_challenge when a confidential client sends none', async () => {
      const valid = await pipeline.validate({
        client_id: 'web',
        redirect_uri: WEB_CALLBACKS[1],
        response_type: 'code',
        scope: 'profile',
      });
      expect(valid.redirectUri).toBe(WEB_CALLBACKS[1]);
      expect(valid.codeChallenge).toBeNull();
    });

    it('fills in the only registered redirect_uri when it is omitted', async () => {
      const valid = await pipeline.validate(spaRequest({ redirect_uri: undefined }));
      expect(valid.redirectUri).toBe(SPA_CALLBACK);
    });
  });

  describe('before the redirect_uri is verified: errors are thrown as they are, for an error page', () => {
    it.each([
      ['a missing client_id', { client_id: undefined }, InvalidRequestError],
      ['an unknown client_id', { client_id: 'nobody' }, UnknownClientError],
      [
        'an unregistered redirect_uri',
        { redirect_uri: 'https://attacker.example.test/callback' },
        InvalidRedirectUriError,
      ],
    ] as const)('%s', async (_, overrides, errorClass) => {
      const error = await rejectionOf(pipeline, spaRequest(overrides));
      expect(error).toBeInstanceOf(errorClass);
      expect(error).not.toBeInstanceOf(AuthorizationRedirectError);
      expect(error).toMatchObject({ redirectable: false });
    });

    it('a missing redirect_uri when the client registered several', async () => {
      const error = await rejectionOf(pipeline, { client_id: 'web', response_type: 'code', scope: 'openid' });
      expect(error).toBeInstanceOf(InvalidRedirectUriError);
    });

    it('checks the redirect_uri before anything that could be redirected', async () => {
      const error = await rejectionOf(
        pipeline,
        spaRequest({ redirect_uri: 'https://attacker.example.test/', response_type: 'token', scope: 'admin' }),
      );
      expect(error).toBeInstanceOf(InvalidRedirectUriError);
    });

    it('passes a storage failure through unchanged', async () => {
      const failure = new Error('database is down');
      const broken = new ClientRegistry(new InMemoryClientRepository(), testVerifiedTokenCache());
      broken.find = () => Promise.reject(failure);
      expect(await rejectionOf(new AuthorizePipeline(broken), spaRequest())).toBe(failure);
    });
  });

  describe('after the redirect_uri is verified: errors become AuthorizationRedirectError with redirect_uri and state', () => {
    it.each([
      ['a missing response_type', { response_type: undefined }, InvalidRequestError, 'invalid_request'],
      ['response_type=token', { response_type: 'token' }, UnsupportedResponseTypeError, 'unsupported_response_type'],
      ['a missing scope', { scope: undefined }, InvalidScopeError, 'invalid_scope'],
      ['a scope the client may not ask for', { scope: 'openid profile' }, InvalidScopeError, 'invalid_scope'],
      [
        'a public client without PKCE',
        { code_challenge: undefined, code_challenge_method: undefined },
        InvalidRequestError,
        'invalid_request',
      ],
      ['code_challenge_method=plain', { code_challenge_method: 'plain' }, InvalidRequestError, 'invalid_request'],
    ] as const)('%s', async (_, overrides, errorClass, code) => {
      const error = await rejectionOf(pipeline, spaRequest(overrides));
      expect(error).toBeInstanceOf(AuthorizationRedirectError);
      const redirect = error as AuthorizationRedirectError;
      expect(redirect.error).toBeInstanceOf(errorClass);
      expect(redirect.error.code).toBe(code);
      expect(redirect.redirectUri).toBe(SPA_CALLBACK);
      expect(redirect.state).toBe('xyz-state');
      expect(redirect.message).toBe(redirect.error.description);
    });

    it('redirects to the single registered URI when redirect_uri was omitted', async () => {
      const error = await rejectionOf(pipeline, spaRequest({ redirect_uri: undefined, response_type: 'token' }));
      expect(error).toMatchObject({ redirectUri: SPA_CALLBACK });
    });

    it('carries no state when the client sent none', async () => {
      const error = await rejectionOf(pipeline, spaRequest({ state: undefined, scope: undefined }));
      expect(error).toBeInstanceOf(AuthorizationRedirectError);
      expect((error as AuthorizationRedirectError).state).toBeUndefined();
    });

    it('reports response_type before scope, and scope before PKCE', async () => {
      const allWrong = spaRequest({ response_type: 'token', scope: 'admin', code_challenge_method: 'plain' });
      expect(((await rejectionOf(pipeline, allWrong)) as AuthorizationRedirectError).error.code).toBe(
        'unsupported_response_type',
      );
      const scopeAndPkceWrong = spaRequest({ scope: 'admin', code_challenge_method: 'plain' });
      expect(((await rejectionOf(pipeline, scopeAndPkceWrong)) as AuthorizationRedirectError).error.code).toBe(
        'invalid_scope',
      );
    });
  });
});
