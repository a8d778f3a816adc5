import { describe, expect, it } from '@jest/globals';
import { appendEntry, emptyTimeline, LEGS } from './timeline.js';

const entry = (title: string) => ({ leg: LEGS.resourceRequest, title, outcome: 'ok' as const, summary: title });

describe('timeline', () => {
  it('numbers entries in order and stamps each with the time it was recorded', () => {
    const timeline = emptyTimeline();
    appendEntry(timeline, entry('first'), 1000);
    appendEntry(timeline, entry('second'), 2000);
    expect(timeline.entries.map(({ seq, at, title }) => ({ seq, at, title }))).toEqual([
      { seq: 1, at: 1000, title: 'first' },
      { seq: 2, at: 2000, title: 'second' },
    ]);
  });

  it('keeps at most `limit` entries: drops the oldest and counts them', () => {
    const timeline = emptyTimeline();
    for (let i = 1; i <= 5; i++) appendEntry(timeline, entry(`step ${i}`), i, 3);
    expect(timeline.entries.map((recorded) => recorded.seq)).toEqual([3, 4, 5]);
    expect(timeline.dropped).toBe(2);
    expect(timeline.nextSeq).toBe(6);
  });

  it('labels legs after the RFC 6749 figures', () => {
    expect(LEGS).toMatchObject({
      authorizationRequest: 'Figure 3 (A)',
      authorizationResponse: 'Figure 3 (C)',
      tokenRequest: 'Figure 3 (D) → (E)',
      resourceRequest: 'Figure 1 (E) → (F)',
      refresh: 'Figure 2 (G) → (H)',
    });
  });
});
