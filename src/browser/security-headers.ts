import type { SecurityHeadersOptions } from '@nestjs/common';

/**
 * The security headers of every response, pages and JSON alike (`app.useSecurityHeaders()`,
 * helmet 8's defaults otherwise). The pages run no script and load only `/assets/app.css`, so
 * the policy allows no script at all and no inline style.
 *
 * `form-action` is left out on purpose: the consent form's POST is answered by a redirect to
 * the client's redirect_uri, and Chromium checks `form-action` against every redirect that
 * follows a form submission, so `'self'` would block the authorization response.
 */
export function securityHeaders(issuerIsHttps: boolean): SecurityHeadersOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        'script-src': "'none'",
        'style-src': "'self'",
        // RFC 9700 section 4.16 (RFC 6749 section 10.13): authorization servers MUST prevent clickjacking.
        'frame-ancestors': "'none'",
        'form-action': null,
        // Over plain http (local development) the upgrade would send the browser to a port with no TLS.
        'upgrade-insecure-requests': issuerIsHttps,
      },
    },
    // The same rule for browsers without CSP level 2.
    xFrameOptions: { action: 'deny' },
    // RFC 9700 section 4.2.4: codes, states and interaction ids travel in URLs; no Referer carries them away.
    referrerPolicy: { policy: 'no-referrer' },
  };
}
