import { browserAtForm, browserFormRequest, forgedFields, fuzzCookie, type BrowserAtForm } from '../support/browser.js';
import { browserChannel } from '../support/channels.js';
import type { FuzzFixture } from '../support/fixture.js';
import type { FuzzTarget } from '../support/fuzz-suite.js';
import { fuzzParameters, type Parameters } from '../support/parameters.js';

/**
 * The consent form: an error page, a redirect to this server's login page (a browser not
 * logged in), or the answer at the redirect_uri of the client that asked (a code or
 * access_denied).
 */
export const consentForm = async ({
  t,
  confidential,
  publicClient,
  decoy,
  redirectUris,
}: FuzzFixture): Promise<FuzzTarget> => {
  const browsers: BrowserAtForm[] = [await browserAtForm(t, confidential)];
  for (const client of [confidential, publicClient, confidential, publicClient]) {
    browsers.push(await browserAtForm(t, client, decoy.user));
  }
  const forged = forgedFields(browsers);
  const known = {
    interaction: [...browsers.map((b) => b.interaction), ...forged.interaction],
    _csrf: [...browsers.map((b) => b.csrf), ...forged.csrf],
    decision: ['approve', 'deny', 'APPROVE', 'maybe'],
  };
  const validFor = (browser: BrowserAtForm): Parameters[] =>
    ['approve', 'deny'].map((decision) => [
      ['interaction', browser.interaction],
      ['_csrf', browser.csrf],
      ['decision', decision],
    ]);
  const allRedirectUris = Object.values(redirectUris).flat();

  return {
    generate(rng) {
      const browser = rng.pick(browsers);
      const cookie = fuzzCookie(
        rng,
        browser.cookie,
        browsers.map((b) => b.cookie),
      );
      const params = fuzzParameters(rng, known, validFor(browser), 0.6);
      return browserFormRequest(rng, '/oauth/consent', params, cookie);
    },
    check: browserChannel(() => allRedirectUris),
    expectedStatuses: [302, 303, 400, 403, 404, 413],
  };
};
