import type { Field } from './masking.js';

/**
 * The flow inspector's record of one demo session: each leg as it happened, already masked.
 *
 * Legs are named after the figures of RFC 6749: figure 3 (A) to (E) for the authorization
 * code grant, figure 1 (E) and (F) for a protected resource request and response, figure 2
 * (G) and (H) for a refresh. Discovery (RFC 8414) and revocation (RFC 7009) have no figure.
 */
export const LEGS = {
  discovery: 'RFC 8414',
  authorizationRequest: 'Figure 3 (A)',
  authorizationResponse: 'Figure 3 (C)',
  tokenRequest: 'Figure 3 (D) → (E)',
  resourceRequest: 'Figure 1 (E) → (F)',
  refresh: 'Figure 2 (G) → (H)',
  revocation: 'RFC 7009',
} as const;

export type Leg = (typeof LEGS)[keyof typeof LEGS];

/** ok: it worked; refused: an answer that says no (a denial, an error code, a failed check); error: no answer. */
export type Outcome = 'ok' | 'refused' | 'error';

export interface RecordedRequest {
  method: string;
  /** Scheme, host and path; the parameters are listed in `params`. */
  url: string;
  /** Where `params` travel: the URL's query or a form body. */
  paramsIn?: 'query' | 'form body';
  params: Field[];
  headers: Field[];
  /** A JSON body, masked. */
  body?: string;
  /** Who sends it, when it is not the client itself (the browser, following a redirect). */
  sentBy?: string;
}

export interface RecordedResponse {
  status: number;
  headers: Field[];
  body?: string;
}

/** A rule the client checked before acting on what it received. */
export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export interface TimelineEntry {
  seq: number;
  /** Epoch milliseconds. */
  at: number;
  leg: Leg;
  title: string;
  outcome: Outcome;
  /** One plain-language sentence or two: what happened and what it means. */
  summary: string;
  checks?: Check[];
  request?: RecordedRequest;
  response?: RecordedResponse;
}

export interface Timeline {
  entries: TimelineEntry[];
  nextSeq: number;
  /** How many of the oldest entries were dropped to keep the session small. */
  dropped: number;
}

/** The most entries a session keeps; older ones are dropped (and counted). */
const TIMELINE_LIMIT = 40;

export function emptyTimeline(): Timeline {
  return { entries: [], nextSeq: 1, dropped: 0 };
}

/** Appends `entry` with the next number and the current time, dropping the oldest beyond the limit. */
export function appendEntry(
  timeline: Timeline,
  entry: Omit<TimelineEntry, 'seq' | 'at'>,
  now = Date.now(),
  limit = TIMELINE_LIMIT,
): TimelineEntry {
  const recorded = { seq: timeline.nextSeq, at: now, ...entry };
  timeline.nextSeq += 1;
  timeline.entries.push(recorded);
  const excess = timeline.entries.length - limit;
  if (excess > 0) {
    timeline.entries.splice(0, excess);
    timeline.dropped += excess;
  }
  return recorded;
}
