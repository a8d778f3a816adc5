/**
 * Every scenario, in the order they run and are reported. A scenario with `loadFor` loads the
 * shared targets main.mjs starts, one at a time (so bench/profile.mjs can profile it); one with
 * `versus: 'oidc-provider'` is also measured on oidc-provider, and one that `stores` what it issues
 * on oidc-provider with its PostgreSQL adapter as well. The others start their own.
 */
import api from './1-api.mjs';
import refresh from './2-refresh.mjs';
import codeExchange from './3-code-exchange.mjs';
import introspection from './4-introspection.mjs';
import clientCredentials from './5-client-credentials.mjs';
import flows from './6-flows.mjs';
import growth from './7-growth.mjs';

export const SCENARIOS = [api, refresh, codeExchange, introspection, clientCredentials, flows, growth];
