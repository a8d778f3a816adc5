import { SCOPE_CATALOG } from '../common/scope-catalog.js';
import { ENDPOINT_PATHS } from '../discovery/discovery-metadata.service.js';
import type { SecurityScheme } from './openapi.types.js';

/** `openid` asks for a user's identity: a token a client obtains for itself cannot carry it. */
const clientTokenScopes = () =>
  Object.fromEntries(Object.entries(SCOPE_CATALOG).filter(([scope]) => scope !== 'openid'));

/**
 * How callers authenticate: clients at the back channel (RFC 6749 section 2.3), access tokens
 * at the API (RFC 6750 section 2.1). The OAuth flows point at this issuer's own endpoints.
 */
export function securitySchemes(issuer: string): Record<string, SecurityScheme> {
  const tokenUrl = `${issuer}${ENDPOINT_PATHS.token_endpoint}`;
  return {
    clientSecretBasic: {
      type: 'http',
      scheme: 'basic',
      description:
        'client_secret_basic (RFC 6749 section 2.3.1): form-urlencoded client_id and client_secret as HTTP Basic ' +
        'credentials. Without this header, the form carries client_id (and client_secret: client_secret_post).',
    },
    userToken: {
      type: 'oauth2',
      description:
        'An access token issued for a user (authorization code flow with PKCE S256), sent only as ' +
        '`Authorization: Bearer` (RFC 6750 section 2.1): never in the query or the body.',
      flows: {
        authorizationCode: {
          authorizationUrl: `${issuer}${ENDPOINT_PATHS.authorization_endpoint}`,
          tokenUrl,
          refreshUrl: tokenUrl,
          scopes: { ...SCOPE_CATALOG },
        },
      },
    },
    clientToken: {
      type: 'oauth2',
      description:
        'An access token a confidential client obtained for itself (RFC 6749 section 4.4), sent as ' +
        '`Authorization: Bearer`. Only routes that list it accept it.',
      flows: { clientCredentials: { tokenUrl, scopes: clientTokenScopes() } },
    },
  };
}
