/**
 * Scenario 1: the protected API with a valid access token (`GET /api/profile`: the Bearer
 * guard's full check, signature, claims, revocation of the token and its family, then the
 * user's profile) against a bare unauthenticated route of the same app (`GET /health/live`),
 * the framework's own ceiling. Our server only; per database, per algorithm.
 */
import { accessToken } from '../lib/inputs.mjs';
import { compare, runRounds } from '../lib/rounds.mjs';

function bareEntry(target) {
  const label = `bare route · ${target.label.split(' · ')[1]}`;
  const load = { method: 'GET', path: target.paths.bare };
  return { key: `bare-${target.key}`, label, target, load: async () => load };
}

function apiEntry(target) {
  let load;
  return {
    key: `api-${target.key}`,
    label: `API · ${target.label.replace(/^ours · /, '')}`,
    target,
    async load() {
      if (load) return load;
      const headers = { authorization: `Bearer ${await accessToken(target, target.client)}` };
      const answer = await fetch(`${target.url}${target.paths.api}`, { headers });
      if (answer.status !== 200) throw new Error(`${target.label}: the API answered ${answer.status}`);
      load = { method: 'GET', path: target.paths.api, headers };
      return load;
    },
  };
}

export default {
  id: 1,
  title: 'Protected API vs bare route',
  measures:
    '`GET /api/profile` with a valid Bearer access token (signature, `typ`/`iss`/`aud`/`exp`, token and family ' +
    'revocation lookups, then the profile read) against `GET /health/live` of the same process (no guard, no database).',
  goal: '≥ 0.9× the bare route',
  loadFor: (target) => apiEntry(target).load,
  async run(kit) {
    const entries = [];
    const pairs = [];
    for (const database of kit.databases) {
      const ours = kit.algs.flatMap((alg) => kit.ours(alg)).filter((target) => target.database.kind === database);
      if (ours.length === 0) continue;
      const bare = bareEntry(ours[0]);
      entries.push(bare);
      for (const target of ours) {
        const api = apiEntry(target);
        entries.push(api);
        pairs.push([api.key, bare.key]);
      }
    }
    const summaries = await runRounds(entries, kit.log);
    return {
      summaries: [...summaries.values()],
      comparisons: pairs.map(([a, b]) => compare(summaries.get(a), summaries.get(b), { goal: 0.9 })),
    };
  },
};
