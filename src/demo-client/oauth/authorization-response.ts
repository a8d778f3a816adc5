import { sameSecret } from '../crypto.js';
import type { Check } from '../inspector/timeline.js';
import type { PendingAuthorization } from '../session/demo-session.js';

/** RFC 6749 sections 4.1.2 and 4.1.2.1 with RFC 9207: what the browser brings back to the redirect URI. */
export interface AuthorizationResponse {
  code?: string;
  state?: string;
  iss?: string;
  error?: string;
  error_description?: string;
}

/**
 * The checks a client makes before it acts on an authorization response, in order, stopping at
 * the first that fails: it asked for one, the `state` is the one it sent (RFC 6749 section
 * 10.12, CSRF), and the `iss` names the server it sent the request to (RFC 9207 section 2.4,
 * mix-up). They hold for an error response as much as for a code.
 */
export function checkAuthorizationResponse(
  pending: PendingAuthorization | undefined,
  response: AuthorizationResponse,
  issuer: string,
): Check[] {
  if (!pending) {
    return [{ name: 'request in progress', passed: false, detail: 'the client sent no authorization request' }];
  }
  const checks: Check[] = [{ name: 'request in progress', passed: true, detail: 'the client is waiting for one' }];
  const stateOk = response.state !== undefined && sameSecret(response.state, pending.state);
  checks.push({
    name: 'state',
    passed: stateOk,
    detail: stateOk
      ? 'the same random value the client sent in (A)'
      : response.state === undefined
        ? 'missing'
        : 'not the value the client sent in (A)',
  });
  if (!stateOk) return checks;
  const issOk = response.iss === issuer;
  checks.push({
    name: 'iss',
    passed: issOk,
    detail: issOk
      ? `the issuer the client sent the request to, ${issuer}`
      : response.iss === undefined
        ? 'missing, though the server says it always sends it'
        : `${response.iss}, not ${issuer}`,
  });
  return checks;
}
