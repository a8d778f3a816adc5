/**
 * The shape of scenarios 2-6: each of our targets (database × algorithm) against
 * oidc-provider with the same signing algorithm, all in one runRounds, ordered so that each
 * of ours is measured right next to the oidc-provider it is compared with.
 *
 * A scenario that `stores` what it issues (2, 3, 6; `kit.stores`) also compares ours on PostgreSQL
 * with oidc-provider on PostgreSQL, when that target runs: the in-memory comparison is the issue's
 * target, this one shows the same work against the same kind of store.
 */
import { compare, runRounds } from '../lib/rounds.mjs';

/**
 * @param loadFor `(target) => load(phase)`: one closure per target, which may keep what it
 *   prepared (a token pool) from one round to the next
 * @param goal the lowest acceptable ratio ours / oidc-provider
 */
export async function versusOidcProvider(kit, loadFor, goal) {
  const entries = [];
  const pairs = [];
  for (const alg of kit.algs) {
    const theirs = kit.oidcProvider(alg);
    const ours = kit.ours(alg);
    if (!theirs || ours.length === 0) continue;
    const theirsStored = kit.stores ? kit.oidcProvider(alg, 'postgres') : undefined;
    for (const target of [...ours, theirs, ...(theirsStored ? [theirsStored] : [])]) {
      entries.push({ key: target.key, label: target.label, target, load: loadFor(target) });
    }
    pairs.push(...ours.map((target) => [target.key, theirs.key]));
    if (theirsStored) {
      const oursOnPostgres = ours.filter((target) => target.database.kind === 'postgres');
      pairs.push(...oursOnPostgres.map((target) => [target.key, theirsStored.key]));
    }
  }
  const summaries = await runRounds(entries, kit.log);
  return {
    summaries: [...summaries.values()],
    comparisons: pairs.map(([a, b]) => compare(summaries.get(a), summaries.get(b), { goal })),
  };
}
