/**
 * Scenario 2: the refresh grant, every request spending a different refresh token. The pool
 * starts with tokens from codes exchanged through the real flow; each answer's new refresh
 * token goes back into it, so the pool never holds a spent token and lasts every round.
 */
import { performance } from 'node:perf_hooks';
import { refreshTokens } from '../lib/inputs.mjs';
import { Counter, Pool } from '../lib/load.mjs';
import { backChannelHeaders, formBody } from '../lib/oauth.mjs';
import { settings } from '../lib/settings.mjs';
import { versusOidcProvider } from './versus-oidc-provider.mjs';

/** A load that spends one token of `tokens` per request and keeps each new one. */
export function refreshLoad(target, tokens) {
  const counter = new Counter();
  const pool = new Pool(tokens, counter);
  return {
    counter,
    requests: [
      {
        method: 'POST',
        path: target.paths.token,
        headers: backChannelHeaders(target.client),
        setupRequest(request, context) {
          context.started = performance.now();
          const token = pool.take() ?? 'the-pool-ran-out';
          return { ...request, body: formBody({ grant_type: 'refresh_token', refresh_token: token }) };
        },
        onResponse(status, body, context) {
          if (status !== 200) {
            // Answers after the pool ran out are expected failures, not the server's.
            if (counter.exhaustedAt === null) counter.failure();
            return;
          }
          pool.put(JSON.parse(body).refresh_token);
          counter.success(performance.now() - context.started);
        },
      },
    ],
  };
}

/**
 * Keeps `tokens` (a pool carried from round to round) at 3 per connection. A round's end
 * loses the tokens in flight (their answers are not read), so each round may need a few.
 */
export async function topUp(target, tokens) {
  const missing = 3 * settings.connections - tokens.length;
  if (missing > 0) tokens.push(...(await refreshTokens(target, target.client, missing)));
  return tokens;
}

function refreshLoadFor(target) {
  const tokens = [];
  return async () => refreshLoad(target, await topUp(target, tokens));
}

export default {
  id: 2,
  title: 'Refresh grant',
  measures:
    '`POST /token` with `grant_type=refresh_token` and client_secret_basic; each request spends a different ' +
    'refresh token (the pool starts with tokens from real code exchanges; each answer returns a rotated one to it).',
  goal: '≥ 1.5× oidc-provider with the same algorithm',
  loadFor: refreshLoadFor,
  versus: 'oidc-provider',
  stores: true,
  run: (kit) => versusOidcProvider(kit, refreshLoadFor, 1.5),
};
