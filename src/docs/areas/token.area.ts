import {
  backChannelErrors,
  CLIENT_AUTHENTICATION,
  CLIENT_AUTHENTICATION_PROPERTIES,
  form,
  json,
  NO_STORE,
  ref,
  type DocumentArea,
} from '../common.schemas.js';
import type { Schema } from '../openapi.types.js';

const SCOPE: Schema = {
  type: 'string',
  maxLength: 1024,
  description: 'Space-separated scopes (RFC 6749 section 3.3).',
};

/** A form body of one grant type: `grant_type` fixed, then its own parameters and client authentication. */
function grantRequest(
  grantType: string,
  title: string,
  properties: Record<string, Schema>,
  required: string[],
): Schema {
  return {
    title,
    type: 'object',
    properties: { grant_type: { const: grantType }, ...properties, ...CLIENT_AUTHENTICATION_PROPERTIES },
    required: ['grant_type', ...required],
  };
}

/** RFC 6749 section 3.2: the token endpoint. */
export const TOKEN_AREA: DocumentArea = {
  tag: { name: 'Token endpoint', description: 'RFC 6749 section 3.2: grants exchanged for tokens.' },
  paths: {
    '/oauth/token': {
      post: {
        operationId: 'token',
        tags: ['Token endpoint'],
        summary: 'Exchange a grant for tokens',
        description:
          'Form-encoded only (a JSON body is invalid_request). A confidential client authenticates with HTTP ' +
          'Basic or client_secret_post; a public client sends its client_id and, for a code, a code_verifier. ' +
          'A client uses only the grant types it is registered for (else unauthorized_client).',
        security: CLIENT_AUTHENTICATION,
        requestBody: {
          required: true,
          content: form({
            oneOf: [ref('AuthorizationCodeRequest'), ref('RefreshTokenRequest'), ref('ClientCredentialsRequest')],
          }),
        },
        responses: {
          '200': {
            description: 'RFC 6749 section 5.1: the tokens.',
            headers: NO_STORE,
            content: json(ref('TokenResponse')),
          },
          ...backChannelErrors(
            'invalid_request (missing, repeated or malformed parameter; not form-encoded), invalid_grant (code or ' +
              'refresh token invalid, expired, used or not this client’s; redirect_uri or PKCE mismatch), ' +
              'unauthorized_client, unsupported_grant_type, invalid_scope.',
          ),
        },
      },
    },
  },
  schemas: {
    AuthorizationCodeRequest: grantRequest(
      'authorization_code',
      'authorization_code (RFC 6749 section 4.1.3, RFC 7636 section 4.5)',
      {
        code: { type: 'string', maxLength: 256, description: 'The code from the authorization response; single use.' },
        redirect_uri: { type: 'string', description: 'Required when the authorization request had one; identical.' },
        code_verifier: {
          type: 'string',
          maxLength: 256,
          description: 'PKCE: required when the authorization request had a code_challenge, refused otherwise.',
        },
      },
      ['code'],
    ),
    RefreshTokenRequest: grantRequest(
      'refresh_token',
      'refresh_token (RFC 6749 section 6)',
      {
        refresh_token: {
          type: 'string',
          maxLength: 256,
          description: 'Rotated on every use; a reused one revokes its grant.',
        },
        scope: { ...SCOPE, description: 'Optional narrowing; never more than originally granted.' },
      },
      ['refresh_token'],
    ),
    ClientCredentialsRequest: grantRequest(
      'client_credentials',
      'client_credentials (RFC 6749 section 4.4): confidential clients only',
      { scope: { ...SCOPE, description: 'Default: every registered scope except openid.' } },
      [],
    ),
    TokenResponse: {
      description: 'RFC 6749 section 5.1.',
      type: 'object',
      properties: {
        access_token: {
          type: 'string',
          description: 'A JWT of type at+jwt (RFC 9068), RS256 or ES256 (ACCESS_TOKEN_ALG).',
        },
        token_type: { const: 'Bearer' },
        expires_in: { type: 'integer', minimum: 1, description: 'Seconds the access token lives (ACCESS_TOKEN_TTL).' },
        refresh_token: {
          type: 'string',
          description: 'Not for client_credentials, nor for a client not registered for the refresh_token grant.',
        },
        scope: { type: 'string', description: 'The scopes the access token carries, space-separated.' },
        id_token: { type: 'string', description: 'OpenID Connect Core section 3.1.3.3: only when scope has openid.' },
      },
      required: ['access_token', 'token_type', 'expires_in', 'scope'],
      additionalProperties: false,
    },
  },
};
