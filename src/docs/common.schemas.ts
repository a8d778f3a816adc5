import type { Header, MediaType, PathItem, Response, Schema, SecurityRequirement } from './openapi.types.js';

/** One protocol area of the document: its tag, its paths and the schemas they name. */
export interface DocumentArea {
  tag: { name: string; description: string };
  paths: Record<string, PathItem>;
  schemas: Record<string, Schema>;
}

export const ref = (schema: string): Schema => ({ $ref: `#/components/schemas/${schema}` });

export const json = (schema: Schema): Record<string, MediaType> => ({ 'application/json': { schema } });

export const form = (schema: Schema): Record<string, MediaType> => ({
  'application/x-www-form-urlencoded': { schema },
});

/** RFC 6749 section 5.1: responses carrying tokens or credentials MUST NOT be cached. */
export const NO_STORE: Record<string, Header> = {
  'Cache-Control': {
    description: 'Never cached (RFC 6749 section 5.1).',
    required: true,
    schema: { const: 'no-store' },
  },
  Pragma: { required: true, schema: { const: 'no-cache' } },
};

/**
 * RFC 6749 section 2.3.1, client_secret_post: the client's credentials as form parameters,
 * instead of HTTP Basic. A public client sends its client_id alone.
 */
export const CLIENT_AUTHENTICATION_PROPERTIES: Record<string, Schema> = {
  client_id: {
    type: 'string',
    maxLength: 256,
    description:
      'Without HTTP Basic: the client_id (client_secret_post, or a public client). With it: omit, or the same.',
  },
  client_secret: {
    type: 'string',
    maxLength: 256,
    description: 'client_secret_post only; never together with HTTP Basic (section 2.3: one method per request).',
  },
};

/**
 * The body of an introspection (RFC 7662 section 2.1) or revocation (RFC 7009 section 2.1)
 * request: the token, an optional hint, and the client's credentials.
 */
export const tokenRequest = (description: string): Schema => ({
  description,
  type: 'object',
  properties: {
    token: { type: 'string', maxLength: 4096, description: 'An access token or a refresh token.' },
    token_type_hint: {
      type: 'string',
      maxLength: 64,
      description: '`access_token` or `refresh_token`: only orders the search; other values are ignored.',
    },
    ...CLIENT_AUTHENTICATION_PROPERTIES,
  },
  required: ['token'],
});

/** Client authentication of the back channel: HTTP Basic, or none in the header (the form carries it). */
export const CLIENT_AUTHENTICATION: SecurityRequirement[] = [{ clientSecretBasic: [] }, {}];

const oauthError = (description: string, headers: Record<string, Header> = {}): Response => ({
  description,
  headers: { ...NO_STORE, ...headers },
  content: json(ref('OAuthError')),
});

/**
 * The error responses of the back channel (token, introspection, revocation): RFC 6749
 * section 5.2 JSON, never cached. `badRequest` names the 400 codes the endpoint answers.
 */
export function backChannelErrors(badRequest: string): Record<string, Response> {
  return {
    '400': oauthError(badRequest),
    '401': oauthError('invalid_client: client authentication failed, or was missing.', {
      'WWW-Authenticate': { required: true, schema: { const: 'Basic realm="token", charset="UTF-8"' } },
    }),
    '429': oauthError('temporarily_unavailable: the client sent more than CLIENT_REQUESTS_PER_MINUTE requests.', {
      'Retry-After': { description: 'Seconds until the window ends.', required: true, schema: { type: 'integer' } },
    }),
    default: oauthError(
      '413 (body over 64 KiB) and 415 (unreadable content type): invalid_request; 500: server_error.',
    ),
  };
}

const WWW_AUTHENTICATE_BEARER: Header = {
  description: 'RFC 6750 section 3: `Bearer realm="api"`, then error, error_description and, for 403, scope.',
  required: true,
  schema: { type: 'string', examples: ['Bearer realm="api", error="invalid_token", error_description="…"'] },
};

const bearerError = (description: string): Response => ({
  description,
  headers: { 'WWW-Authenticate': WWW_AUTHENTICATE_BEARER },
  content: json(ref('BearerError')),
});

/** RFC 6750 section 3.1: the resource server's errors, each with a Bearer challenge. */
export function bearerErrors(scope: string): Record<string, Response> {
  return {
    '400': bearerError('invalid_request: the Authorization header is not `Bearer <b64token>`, or the body is invalid.'),
    '401': bearerError(
      'No Bearer token: a challenge without error code. invalid_token: the token is malformed, expired, revoked, ' +
        'not for this API, or of the wrong kind for this route.',
    ),
    '403': bearerError(`insufficient_scope: the token lacks \`${scope}\`; the challenge names it in \`scope\`.`),
    default: bearerError(
      '413 (body over 64 KiB) and 415 (unreadable content type): invalid_request; 500: server_error.',
    ),
  };
}

export const COMMON_SCHEMAS: Record<string, Schema> = {
  OAuthError: {
    description: 'RFC 6749 section 5.2: the error response of the token, introspection and revocation endpoints.',
    type: 'object',
    properties: {
      error: {
        type: 'string',
        enum: [
          'invalid_request',
          'invalid_client',
          'invalid_grant',
          'unauthorized_client',
          'unsupported_grant_type',
          'invalid_scope',
          'temporarily_unavailable',
          'server_error',
        ],
      },
      error_description: { type: 'string', description: 'For the developer; never internals.' },
    },
    required: ['error', 'error_description'],
    additionalProperties: false,
  },
  BearerError: {
    description:
      'RFC 6750 section 3: the body beside the WWW-Authenticate challenge; no `error` when no token was sent.',
    type: 'object',
    properties: {
      error: { type: 'string', enum: ['invalid_request', 'invalid_token', 'insufficient_scope', 'server_error'] },
      error_description: { type: 'string' },
    },
    required: ['error_description'],
    additionalProperties: false,
  },
};
