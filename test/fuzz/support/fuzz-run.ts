import type { Response } from 'supertest';
import type { TestApp } from '../../support/test-app.js';
import type { ChannelCheck } from './channels.js';
import { describeRequest, describeResponse, headSize, send, type FuzzRequest } from './fuzz-request.js';
import { withOddHeaders } from './headers.js';
import { Random } from './random.js';

/** Requests per endpoint: 1,000, or FUZZ_COUNT when set to more (to explore longer). */
export const FUZZ_COUNT = Math.max(1000, Number(process.env.FUZZ_COUNT) || 0);
/** Requests in flight at once. */
const CONCURRENCY = 10;

export interface FuzzOutcome {
  sent: number;
  /** How many answers had each status, e.g. { 400: 612, 401: 203 }. */
  statuses: Record<number, number>;
  /** One text per failed answer, in the order the requests were generated. */
  failures: string[];
}

/** What is wrong with one answer: a 5xx, or an answer outside `check`'s channel format. */
function judge(req: FuzzRequest, res: Response, check: ChannelCheck): string | undefined {
  if (res.status >= 500) return `server error ${res.status}`;
  // Node's HTTP parser answers a head over its limit before any route is known.
  const head = headSize(req);
  if (head === 'over' || (head === 'borderline' && res.status === 431)) {
    return res.status === 431 ? undefined : 'expected 431 for a head over 16 KiB';
  }
  return check(res, req);
}

/**
 * Generates FUZZ_COUNT requests from `seed` (all before sending, so the sequence does not
 * depend on timing), some with headers no endpoint should act on, sends them `CONCURRENCY`
 * at a time, and judges every answer.
 */
export async function runFuzz(
  t: TestApp,
  options: { seed: number; generate: (rng: Random) => FuzzRequest; check: ChannelCheck },
): Promise<FuzzOutcome> {
  const rng = new Random(options.seed);
  const requests = Array.from({ length: FUZZ_COUNT }, () => withOddHeaders(rng, options.generate(rng)));
  const outcome: FuzzOutcome = { sent: 0, statuses: {}, failures: [] };
  const failed: { index: number; text: string }[] = [];
  for (let start = 0; start < requests.length; start += CONCURRENCY) {
    const batch = requests.slice(start, start + CONCURRENCY);
    await Promise.all(
      batch.map(async (req, i) => {
        const index = start + i;
        let problem: string | undefined;
        let answer = '(no answer)';
        try {
          const res = await send(t, req);
          outcome.statuses[res.status] = (outcome.statuses[res.status] ?? 0) + 1;
          answer = describeResponse(res);
          problem = judge(req, res, options.check);
        } catch (error) {
          problem = `the request failed: ${String(error)}`;
        }
        outcome.sent++;
        if (problem) {
          const text = `#${index}: ${problem}\n${describeRequest(req)}\n-> ${answer.replace(/\n/g, '\n   ')}`;
          failed.push({ index, text });
        }
      }),
    );
  }
  outcome.failures = failed.sort((a, b) => a.index - b.index).map((failure) => failure.text);
  return outcome;
}

/** The failures as one message, with the command that replays them (same seed, this endpoint only). */
export function failureReport(endpoint: string, seed: number, outcome: FuzzOutcome): string {
  if (outcome.failures.length === 0) return '';
  const shown = outcome.failures.slice(0, 10);
  return [
    `${outcome.failures.length} of ${outcome.sent} answers failed. Replay: ` +
      `FUZZ_SEED=${seed} NODE_OPTIONS=--experimental-vm-modules npx jest test/fuzz -t '${endpoint}'`,
    ...shown,
    ...(outcome.failures.length > shown.length ? [`… and ${outcome.failures.length - shown.length} more`] : []),
  ].join('\n\n');
}
