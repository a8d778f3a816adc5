import {
  backChannelErrors,
  CLIENT_AUTHENTICATION,
  form,
  NO_STORE,
  ref,
  tokenRequest,
  type DocumentArea,
} from '../common.schemas.js';

/** RFC 7009: token revocation. */
export const REVOCATION_AREA: DocumentArea = {
  tag: { name: 'Revocation', description: 'RFC 7009: a client ends one of its tokens.' },
  paths: {
    '/oauth/revoke': {
      post: {
        operationId: 'revoke',
        tags: ['Revocation'],
        summary: 'Revoke a token',
        description:
          'Confidential clients with their secret, public ones with their client_id. A refresh token ends its ' +
          'whole grant (every access and refresh token of it); an access token ends alone.',
        security: CLIENT_AUTHENTICATION,
        requestBody: { required: true, content: form(ref('RevocationRequest')) },
        responses: {
          '200': {
            description: 'RFC 7009 section 2.2: revoked, or the token was unknown or invalid. Empty body.',
            headers: NO_STORE,
          },
          ...backChannelErrors(
            'invalid_request (no token, a repeated parameter, not form-encoded), unauthorized_client (the token ' +
              'was issued to another client; nothing is revoked).',
          ),
        },
      },
    },
  },
  schemas: {
    RevocationRequest: tokenRequest('RFC 7009 section 2.1.'),
  },
};
