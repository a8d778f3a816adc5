import { bearerErrors, json, NO_STORE, ref, type DocumentArea } from '../common.schemas.js';
import type { Operation } from '../openapi.types.js';

const userinfo = (operationId: string, summary: string): Operation => ({
  operationId,
  tags: ['OpenID Connect'],
  summary,
  description:
    'The token’s user: `sub`, plus `name` and `preferred_username` with scope profile, `email` and ' +
    '`email_verified` with scope email (Core section 5.4). The token only in the Authorization header.',
  security: [{ userToken: ['openid'] }],
  responses: {
    '200': { description: 'OpenID Connect Core section 5.3.2.', headers: NO_STORE, content: json(ref('UserInfo')) },
    ...bearerErrors('openid'),
  },
});

/** OpenID Connect Core section 5.3: the UserInfo endpoint, which MUST support GET and POST. */
export const USERINFO_AREA: DocumentArea = {
  tag: { name: 'OpenID Connect', description: 'OpenID Connect Core 1.0: claims about the signed-in user.' },
  paths: {
    '/oauth/userinfo': {
      get: userinfo('userinfo', 'Claims about the token’s user'),
      post: userinfo('userinfoPost', 'Claims about the token’s user (POST, no body)'),
    },
  },
  schemas: {
    UserInfo: {
      description: 'OpenID Connect Core section 5.3.2: claims released by the token’s scopes.',
      type: 'object',
      properties: {
        sub: { type: 'string', description: 'The user id; the ID token’s sub.' },
        name: { type: ['string', 'null'], description: 'Scope profile.' },
        preferred_username: { type: 'string', description: 'Scope profile.' },
        email: { type: ['string', 'null'], description: 'Scope email.' },
        email_verified: { type: 'boolean', description: 'Scope email.' },
      },
      required: ['sub'],
      additionalProperties: false,
    },
  },
};
