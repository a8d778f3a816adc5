import {
  backChannelErrors,
  CLIENT_AUTHENTICATION,
  form,
  json,
  NO_STORE,
  ref,
  tokenRequest,
  type DocumentArea,
} from '../common.schemas.js';

/** RFC 7662: token introspection. */
export const INTROSPECTION_AREA: DocumentArea = {
  tag: { name: 'Introspection', description: 'RFC 7662: whether a token is active, and what it stands for.' },
  paths: {
    '/oauth/introspect': {
      post: {
        operationId: 'introspect',
        tags: ['Introspection'],
        summary: 'Ask whether a token is active',
        description:
          'Confidential clients only (a public client gets invalid_client), about their own tokens: another ' +
          'client’s token, however live, is `{ "active": false }` like an expired, revoked or unknown one.',
        security: CLIENT_AUTHENTICATION,
        requestBody: { required: true, content: form(ref('IntrospectionRequest')) },
        responses: {
          '200': {
            description: 'RFC 7662 section 2.2.',
            headers: NO_STORE,
            content: json({ oneOf: [ref('ActiveToken'), ref('InactiveToken')] }),
          },
          ...backChannelErrors('invalid_request: no token, a repeated parameter, or not form-encoded.'),
        },
      },
    },
  },
  schemas: {
    IntrospectionRequest: tokenRequest('RFC 7662 section 2.1.'),
    ActiveToken: {
      title: 'active',
      description: 'RFC 7662 section 2.2: an active token’s meta-information.',
      type: 'object',
      properties: {
        active: { const: true },
        scope: { type: 'string' },
        client_id: { type: 'string' },
        username: { type: 'string', description: 'The user’s; absent for a client_credentials token.' },
        sub: { type: 'string', description: 'The user id, or the client_id for a client_credentials token.' },
        exp: { type: 'integer', description: 'Seconds since the epoch.' },
        iat: { type: 'integer', description: 'Seconds since the epoch.' },
        token_type: { const: 'Bearer', description: 'Access tokens only.' },
        token_use: { type: 'string', enum: ['access_token', 'refresh_token'], description: 'An extension.' },
        aud: { type: 'string', description: 'Access tokens only.' },
        iss: { type: 'string', description: 'Access tokens only.' },
        jti: { type: 'string', description: 'Access tokens only.' },
      },
      required: ['active', 'scope', 'client_id', 'sub', 'exp', 'iat', 'token_use'],
      additionalProperties: false,
    },
    InactiveToken: {
      title: 'inactive',
      description: 'Expired, revoked, rotated, unknown, malformed or another client’s: nothing more is said.',
      type: 'object',
      properties: { active: { const: false } },
      required: ['active'],
      additionalProperties: false,
    },
  },
};
