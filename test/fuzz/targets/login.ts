import { browserAtForm, browserFormRequest, forgedFields, fuzzCookie, type BrowserAtForm } from '../support/browser.js';
import { browserChannel } from '../support/channels.js';
import type { FuzzFixture } from '../support/fixture.js';
import type { FuzzRequest } from '../support/fuzz-request.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzParameters, percentEncode, type Parameters } from '../support/parameters.js';
import { junkValue } from '../support/values.js';
import type { Random } from '../support/random.js';

/**
 * The login page and form: the page (again with 401 after wrong credentials, 429 when
 * throttled), an error page, or a redirect to this server's consent page.
 */
export const loginForm = async ({
  t,
  confidential,
  publicClient,
  decoy,
  redirectUris,
}: FuzzFixture): Promise<FuzzTarget> => {
  const browsers = [
    await browserAtForm(t, confidential),
    await browserAtForm(t, publicClient),
    await browserAtForm(t, confidential),
  ];
  const forged = forgedFields(browsers);
  const known = {
    interaction: [...browsers.map((b) => b.interaction), ...forged.interaction],
    _csrf: [...browsers.map((b) => b.csrf), ...forged.csrf],
    username: [decoy.user.username, 'nobody', `${decoy.user.username} `],
    password: [decoy.user.password, 'wrong password'],
  };
  // The decoy user's credentials, and a stranger's, whose failures reach the per-account limit (429).
  const credentials: Parameters[] = [
    [
      ['username', decoy.user.username],
      ['password', decoy.user.password],
    ],
    [
      ['username', 'nobody'],
      ['password', 'a guess'],
    ],
  ];
  const validFor = (browser: BrowserAtForm, rng: Random): Parameters => [
    ['interaction', browser.interaction],
    ['_csrf', browser.csrf],
    ...rng.pick(credentials),
  ];
  const loginPage = (rng: Random, browser: BrowserAtForm, cookie: string | undefined): FuzzRequest => {
    const id = rng.pick([browser.interaction, ...forged.interaction, percentEncode(junkValue(rng))]);
    return { method: 'GET', path: `/oauth/interaction/${id}`, headers: cookie === undefined ? {} : { cookie } };
  };
  const allRedirectUris = Object.values(redirectUris).flat();

  return {
    generate(rng) {
      const browser = rng.pick(browsers);
      const cookie = fuzzCookie(
        rng,
        browser.cookie,
        browsers.map((b) => b.cookie),
      );
      if (rng.chance(0.15)) return loginPage(rng, browser, cookie);
      const params = fuzzParameters(rng, known, [validFor(browser, rng)], 0.6);
      return browserFormRequest(rng, '/oauth/login', params, cookie);
    },
    check: browserChannel(() => allRedirectUris),
    expectedStatuses: [200, 303, 400, 401, 403, 404, 413, 429],
  };
};
