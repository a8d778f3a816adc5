import { describeFuzz } from './support/fuzz-suite.js';
import { introspectionEndpoint } from './targets/introspect.js';
import { revocationEndpoint } from './targets/revoke.js';
import { tokenEndpoint } from './targets/token.js';

/** The OAuth back channel: RFC 6749 section 5.2 JSON errors, never cached. */
describeFuzz('POST /oauth/token', 6749, tokenEndpoint);
describeFuzz('POST /oauth/introspect', 7662, introspectionEndpoint);
describeFuzz('POST /oauth/revoke', 7009, revocationEndpoint);
