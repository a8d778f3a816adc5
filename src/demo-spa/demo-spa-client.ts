import type { ClientRegistration } from '../client-registry/client-registry.service.js';

/** The single-page app's client_id: the seed registers it, the page sends it. */
export const DEMO_SPA_CLIENT_ID = 'demo-spa';

/** Where the page is served, below the issuer; also its redirect_uri. */
export const DEMO_SPA_PATH = '/demo/spa';

/** What the page asks for: the demo API's scopes, and nothing it would not use. */
export const DEMO_SPA_SCOPES: readonly string[] = ['profile', 'notes:read', 'notes:write'];

/**
 * The page's registration. Code running in a browser cannot keep a secret, so the client is
 * public (RFC 6749 section 2.1), which makes PKCE mandatory at the authorization endpoint
 * (RFC 9700 section 2.1.1); its refresh tokens rotate on every use (section 4.14.2).
 */
export function demoSpaRegistration(issuer: string): ClientRegistration {
  return {
    id: DEMO_SPA_CLIENT_ID,
    name: 'Demo Notes SPA',
    type: 'public',
    redirectUris: [`${issuer}${DEMO_SPA_PATH}`],
    scopes: [...DEMO_SPA_SCOPES],
    grantTypes: ['authorization_code', 'refresh_token'],
  };
}
