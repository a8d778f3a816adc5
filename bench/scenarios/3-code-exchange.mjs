/**
 * Scenario 3: the authorization_code grant, every request exchanging a different code (with
 * its PKCE verifier). Codes are minted through the authorization endpoint (logged-in session,
 * remembered grant) just before each measurement, sized from the previous measurement's rate.
 */
import { performance } from 'node:perf_hooks';
import { mintCodes } from '../lib/inputs.mjs';
import { Counter, Pool } from '../lib/load.mjs';
import { backChannelHeaders, codeExchangeForm, formBody } from '../lib/oauth.mjs';
import { settings } from '../lib/settings.mjs';
import { versusOidcProvider } from './versus-oidc-provider.mjs';

/** Codes for one measurement: enough for 1.3× the last rate (a first guess for the warm-up). */
function codesNeeded({ duration, previous }) {
  const rate = previous?.rate ?? 1500;
  return Math.ceil(rate * duration * 1.3) + 2 * settings.connections;
}

function exchangeLoad(target) {
  return async (phase) => {
    const counter = new Counter();
    const pool = new Pool(await mintCodes(target, target.client, codesNeeded(phase)), counter);
    return {
      counter,
      requests: [
        {
          method: 'POST',
          path: target.paths.token,
          headers: backChannelHeaders(target.client),
          setupRequest(request, context) {
            context.started = performance.now();
            const minted = pool.take() ?? { code: 'the-pool-ran-out', verifier: 'none' };
            return { ...request, body: formBody(codeExchangeForm(minted)) };
          },
          onResponse(status, _body, context) {
            if (status === 200) counter.success(performance.now() - context.started);
            else if (counter.exhaustedAt === null) counter.failure();
          },
        },
      ],
    };
  };
}

export default {
  id: 3,
  title: 'Authorization code exchange',
  measures:
    '`POST /token` with `grant_type=authorization_code`, `redirect_uri` and a PKCE `code_verifier`; each request ' +
    'a different code, minted before the measurement through the authorization endpoint.',
  goal: '≥ 1.5× oidc-provider with the same algorithm',
  loadFor: exchangeLoad,
  versus: 'oidc-provider',
  stores: true,
  run: (kit) => versusOidcProvider(kit, exchangeLoad, 1.5),
};
