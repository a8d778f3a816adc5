import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChannelCheck } from './channels.js';
import { expectBaselineIntact, expectHappyFlow, startFuzzFixture, type FuzzFixture } from './fixture.js';
import type { FuzzRequest } from './fuzz-request.js';
import { failureReport, FUZZ_COUNT, runFuzz } from './fuzz-run.js';
import { fuzzSeed, type Random } from './random.js';

/** One endpoint's fuzzing: how its requests are generated and how its answers must look. */
export interface FuzzTarget {
  generate(rng: Random): FuzzRequest;
  check: ChannelCheck;
  /** Statuses the run must produce at least once, so a generator stuck on one path fails. */
  expectedStatuses: number[];
}

/**
 * The fuzz test of one endpoint on a freshly booted app: tokens first, then the generated
 * requests, then proof that the server still works and the earlier tokens are intact.
 * FUZZ_VERBOSE=1 prints each run's time and statuses.
 */
export function describeFuzz(
  endpoint: string,
  defaultSeed: number,
  prepare: (f: FuzzFixture) => FuzzTarget | Promise<FuzzTarget>,
): void {
  describe(`fuzzing ${endpoint}`, () => {
    const seed = fuzzSeed(defaultSeed);
    let f: FuzzFixture;

    beforeAll(async () => {
      f = await startFuzzFixture();
    });
    afterAll(() => f?.t.close());

    it(`answers ${FUZZ_COUNT} generated malformed requests (seed ${seed}) with no 5xx, each in its channel's format`, async () => {
      const target = await prepare(f);
      const started = Date.now();
      const outcome = await runFuzz(f.t, { seed, generate: target.generate, check: target.check });
      if (process.env.FUZZ_VERBOSE) {
        console.log(`${endpoint}: ${outcome.sent} in ${Date.now() - started} ms`, outcome.statuses);
      }
      const report = failureReport(endpoint, seed, outcome);
      if (report) throw new Error(report);
      expect(outcome.sent).toBe(FUZZ_COUNT);
      expect(target.expectedStatuses.filter((status) => !outcome.statuses[status])).toEqual([]);
    }, 120_000);

    it('still accepts every token issued before the fuzzing', () => expectBaselineIntact(f));

    it('still completes the whole flow end to end', () => expectHappyFlow(f));
  });
}
