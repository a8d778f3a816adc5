/**
 * The shape of scenarios 2-6: each of our targets (database × algorithm) against
 * oidc-provider with the same signing algorithm, all in one runRounds, ordered so that each
 * of ours is measured right next to the oidc-provider it is compared with.
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
    for (const target of [...ours, theirs]) {
      entries.push({ key: target.key, label: target.label, target, load: loadFor(target) });
    }
    pairs.push(...ours.map((target) => [target.key, theirs.key]));
  }
  const summaries = await runRounds(entries, kit.log);
  return {
    summaries: [...summaries.values()],
    comparisons: pairs.map(([a, b]) => compare(summaries.get(a), summaries.get(b), { goal })),
  };
}
