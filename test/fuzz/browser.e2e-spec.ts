import { describeFuzz } from './support/fuzz-suite.js';
import { authorizationEndpoint } from './targets/authorize.js';
import { consentForm } from './targets/consent.js';
import { loginForm } from './targets/login.js';

/** The browser channel: an HTML page, or a redirect to this server or a registered redirect_uri. */
describeFuzz('GET /oauth/authorize', 3110, authorizationEndpoint);
describeFuzz('the login page and POST /oauth/login', 4116, loginForm);
describeFuzz('POST /oauth/consent', 4121, consentForm);
