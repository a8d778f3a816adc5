/**
 * Scenario 6: complete flows per second. A scripted client whose user is logged in and has
 * granted the scopes before (a remembered grant) runs authorize -> code -> token exchange,
 * each flow with a fresh state and PKCE pair. Latency is the whole flow's, both requests.
 */
import { performance } from 'node:perf_hooks';
import { Counter } from '../lib/load.mjs';
import {
  authorizePath,
  backChannelHeaders,
  codeExchangeForm,
  codeFrom,
  formBody,
  header,
  pkcePair,
} from '../lib/oauth.mjs';
import { versusOidcProvider } from './versus-oidc-provider.mjs';

function flowLoad(target) {
  const counter = new Counter();
  return {
    counter,
    requests: [
      {
        method: 'GET',
        headers: { cookie: target.cookie },
        setupRequest(request, context) {
          const { verifier, challenge } = pkcePair();
          Object.assign(context, { started: performance.now(), verifier });
          return { ...request, path: authorizePath(target, target.client, challenge, 'flow') };
        },
        onResponse(_status, _body, context, headers) {
          context.code = codeFrom(header(headers, 'location'))?.code;
        },
      },
      {
        method: 'POST',
        path: target.paths.token,
        headers: backChannelHeaders(target.client),
        setupRequest(request, context) {
          if (!context.code) {
            counter.failure();
            return null; // No code: start the next flow.
          }
          const form = codeExchangeForm({ code: context.code, verifier: context.verifier });
          return { ...request, body: formBody(form) };
        },
        onResponse(status, _body, context) {
          if (status === 200) counter.success(performance.now() - context.started);
          else counter.failure();
        },
      },
    ],
  };
}

/** Flows need nothing prepared: the session and the grant were made when the target started. */
const flowLoadFor = (target) => async () => flowLoad(target);

export default {
  id: 6,
  title: 'Complete flows',
  unit: 'flows/s',
  measures:
    'A logged-in user with a remembered grant: `GET` authorize (answered at once with a code) then `POST /token` ' +
    'exchanging it, each flow with a fresh state and PKCE pair; rates are flows/s, latencies those of a whole flow.',
  goal: '≥ 1.5× oidc-provider with the same algorithm',
  loadFor: flowLoadFor,
  versus: 'oidc-provider',
  stores: true,
  run: (kit) => versusOidcProvider(kit, flowLoadFor, 1.5),
};
