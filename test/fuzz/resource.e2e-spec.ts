import { describeFuzz } from './support/fuzz-suite.js';
import { api } from './targets/api.js';
import { userinfoEndpoint } from './targets/userinfo.js';

/** Protected resources: JSON, and an RFC 6750 Bearer challenge with every refusal. */
describeFuzz('GET and POST /oauth/userinfo', 53, userinfoEndpoint);
describeFuzz('the API under /api', 6750, api);
