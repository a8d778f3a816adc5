/** Scenario 5: the client_credentials grant (RFC 6749 section 4.4), a JWT access token per request. */
import { backChannel, backChannelHeaders, formBody, jwtAlg } from '../lib/oauth.mjs';
import { versusOidcProvider } from './versus-oidc-provider.mjs';

function clientCredentialsLoad(target) {
  let load;
  return async () => {
    if (load) return load;
    const form = { grant_type: 'client_credentials', scope: target.machineScope };
    const answer = await backChannel(target, target.paths.token, target.machine, form);
    if (answer.status !== 200 || jwtAlg(answer.body.access_token) !== target.alg) {
      throw new Error(`${target.label}: client_credentials answered ${answer.status} ${answer.text}`);
    }
    load = {
      method: 'POST',
      path: target.paths.token,
      headers: backChannelHeaders(target.machine),
      body: formBody(form),
    };
    return load;
  };
}

export default {
  id: 5,
  title: 'Client credentials',
  measures: '`POST /token` with `grant_type=client_credentials`, `scope=notes:read` and client_secret_basic.',
  goal: '≥ 1.5× oidc-provider with the same algorithm',
  loadFor: clientCredentialsLoad,
  versus: 'oidc-provider',
  run: (kit) => versusOidcProvider(kit, clientCredentialsLoad, 1.5),
};
