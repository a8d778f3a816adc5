import type { HttpOutcome } from '../inspector/recording-http-client.js';
import type { Check, Leg, Outcome, TimelineEntry } from '../inspector/timeline.js';

/** The error an answer carries: RFC 6749 section 5.2 JSON, or RFC 6750 section 3 `WWW-Authenticate`. */
export function errorOf(outcome: HttpOutcome): { error?: string; description?: string } {
  const json = outcome.json ?? {};
  const challenge = outcome.response?.headers.find((header) => header.name === 'www-authenticate')?.value ?? '';
  const param = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(challenge)?.[1];
  const error = typeof json.error === 'string' ? json.error : param('error');
  const description = typeof json.error_description === 'string' ? json.error_description : param('error_description');
  return { error, description };
}

/** `invalid_grant (Refresh token is invalid)`, or the bare status when the answer names no error. */
export function problemOf(outcome: HttpOutcome): string {
  const { error, description } = errorOf(outcome);
  const name = error ?? `HTTP ${outcome.status}`;
  return description ? `${name} (${description})` : name;
}

export function outcomeOf(outcome: HttpOutcome, checks: Check[] = []): Outcome {
  if (outcome.status === undefined) return 'error';
  const succeeded = outcome.status >= 200 && outcome.status < 300 && checks.every((check) => check.passed);
  return succeeded ? 'ok' : 'refused';
}

/** Says, for an answer that never came, what the client tried and what to do about it. */
function noAnswer(outcome: HttpOutcome): string {
  return (
    `The client got no answer from ${outcome.request.url}: ${outcome.networkError}. ` +
    'If this server cannot reach its own ISSUER, set DEMO_CLIENT_BACKCHANNEL_URL to an address it can reach.'
  );
}

/** A timeline entry for one HTTP exchange; `summary` is chosen by the caller, who knows what it meant. */
export function exchangeEntry(
  outcome: HttpOutcome,
  leg: Leg,
  title: string,
  summary: string,
  checks?: Check[],
): Omit<TimelineEntry, 'seq' | 'at'> {
  return {
    leg,
    title,
    outcome: outcomeOf(outcome, checks),
    summary: outcome.status === undefined ? noAnswer(outcome) : summary,
    ...(checks && checks.length > 0 ? { checks } : {}),
    request: outcome.request,
    ...(outcome.response ? { response: outcome.response } : {}),
  };
}
