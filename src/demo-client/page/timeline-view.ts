import type { Field } from '../inspector/masking.js';
import type { Outcome, RecordedRequest, RecordedResponse, TimelineEntry } from '../inspector/timeline.js';

const OUTCOME_LABELS: Record<Outcome, string> = { ok: 'done', refused: 'refused', error: 'failed' };

/** Reason phrases for the statuses this flow meets; others show the number alone. */
const REASONS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  302: 'Found',
  303: 'See Other',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface EntryView {
  id: string;
  seq: number;
  time: string;
  leg: string;
  title: string;
  outcome: Outcome;
  outcomeLabel: string;
  summary: string;
  checks: { name: string; result: 'passed' | 'failed'; mark: string; detail: string }[];
  /** The request as an HTTP message: request line, headers, then the query or body one parameter a line. */
  request?: { text: string; sentBy?: string };
  response?: { text: string };
  /** `open` on the newest entry, whose exchange shows; older ones fold it away. */
  openAttribute: string;
}

/** `12:34:56 UTC`. */
export const clockTime = (epochMs: number) => `${new Date(epochMs).toISOString().slice(11, 19)} UTC`;

const headerLines = (headers: readonly Field[]) => headers.map(({ name, value }) => `${name}: ${value}`);

function requestText(request: RecordedRequest): string {
  const lines = [`${request.method} ${request.url}`];
  if (request.paramsIn === 'query') {
    lines.push(...request.params.map(({ name, value }, index) => `  ${index === 0 ? '?' : '&'}${name}=${value}`));
  }
  lines.push(...headerLines(request.headers));
  if (request.paramsIn === 'form body') lines.push('', ...request.params.map(({ name, value }) => `${name}=${value}`));
  if (request.body !== undefined) lines.push('', request.body);
  return lines.join('\n');
}

function responseText(response: RecordedResponse): string {
  const status = `${response.status} ${REASONS[response.status] ?? ''}`.trim();
  const body = response.body === undefined || response.body === '' ? '(empty body)' : response.body;
  return [status, ...headerLines(response.headers), '', body].join('\n');
}

/** The timeline as the page lists it: newest first. */
export function timelineView(entries: readonly TimelineEntry[]): EntryView[] {
  const newest = entries.at(-1)?.seq;
  return [...entries].reverse().map((entry) => ({
    id: `step-${entry.seq}`,
    seq: entry.seq,
    time: clockTime(entry.at),
    leg: entry.leg,
    title: entry.title,
    outcome: entry.outcome,
    outcomeLabel: OUTCOME_LABELS[entry.outcome],
    summary: entry.summary,
    checks: (entry.checks ?? []).map(({ name, passed, detail }) => ({
      name,
      result: passed ? ('passed' as const) : ('failed' as const),
      mark: passed ? '✓' : '✗',
      detail,
    })),
    ...(entry.request ? { request: { text: requestText(entry.request), sentBy: entry.request.sentBy } } : {}),
    ...(entry.response ? { response: { text: responseText(entry.response) } } : {}),
    openAttribute: entry.seq === newest ? 'open' : '',
  }));
}
