/**
 * Scenario 4: introspection (RFC 7662) of a live access token by the client it was issued
 * to. oidc-provider cannot introspect its JWT access tokens (it does not store them), so
 * there the token is an opaque one, of the client `bench-opaque`.
 */
import { accessToken } from '../lib/inputs.mjs';
import { backChannel, backChannelHeaders, formBody } from '../lib/oauth.mjs';
import { versusOidcProvider } from './versus-oidc-provider.mjs';

function introspectionLoad(target) {
  let load;
  return async () => {
    if (load) return load;
    const client = target.introspector;
    const form = { token: await accessToken(target, client), token_type_hint: 'access_token' };
    const answer = await backChannel(target, target.paths.introspect, client, form);
    if (answer.body.active !== true) throw new Error(`${target.label}: introspection answered ${answer.text}`);
    load = {
      method: 'POST',
      path: target.paths.introspect,
      headers: backChannelHeaders(client),
      body: formBody(form),
    };
    return load;
  };
}

export default {
  id: 4,
  title: 'Introspection',
  measures:
    '`POST` to the introspection endpoint with client_secret_basic, `token_type_hint=access_token`, one live ' +
    "access token of the same client (ours: a JWT, verified and checked against revocation; oidc-provider's: " +
    'opaque, looked up in memory, since it cannot introspect its JWTs).',
  goal: '≥ 1.5× oidc-provider',
  loadFor: introspectionLoad,
  versus: 'oidc-provider',
  run: (kit) => versusOidcProvider(kit, introspectionLoad, 1.5),
};
