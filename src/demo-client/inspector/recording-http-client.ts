import type { Field } from './masking.js';
import { maskAuthorization, maskFields, maskJson, scrubSecrets, secretValuesIn } from './masking.js';
import type { RecordedRequest, RecordedResponse } from './timeline.js';

/** A request as the demo client means to send it. */
export interface OutgoingRequest {
  method: 'GET' | 'POST';
  url: string;
  /** An application/x-www-form-urlencoded body (the OAuth back channel, RFC 6749 appendix B). */
  form?: Record<string, string>;
  /** A JSON body (the notes API). */
  json?: unknown;
  /** HTTP Basic client authentication (RFC 6749 section 2.3.1). */
  basic?: { username: string; password: string };
  /** A Bearer access token in the Authorization header (RFC 6750 section 2.1). */
  bearer?: string;
}

/** What came back, and both halves as the timeline shows them. */
export interface HttpOutcome {
  /** Undefined when no answer arrived (connection refused, timeout). */
  status?: number;
  /** The body, when it is a JSON object. */
  json?: Record<string, unknown>;
  request: RecordedRequest;
  response?: RecordedResponse;
  /** Why no answer arrived. */
  networkError?: string;
}

/** Response headers worth reading in an OAuth exchange; the rest is transport noise. */
const RESPONSE_HEADERS = ['content-type', 'cache-control', 'pragma', 'www-authenticate', 'location', 'retry-after'];
/** Recorded bodies are cut here, so that one answer cannot swell the session. */
const BODY_LIMIT = 4000;
const TIMEOUT_MS = 10_000;

/** RFC 6749 section 2.3.1: client id and secret are form-encoded before they are joined and base64-encoded. */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

const cut = (text: string) =>
  text.length > BODY_LIMIT ? `${text.slice(0, BODY_LIMIT)}… (cut at ${BODY_LIMIT} characters)` : text;

/**
 * The demo client's only way to the authorization server and the API: fetch, over the network,
 * like any third-party client. Every exchange is returned as the timeline shows it: the
 * parameters and headers that matter, each credential masked, bodies cut to a bounded size.
 */
export class RecordingHttpClient {
  constructor(private readonly fetchFn: typeof fetch = fetch) {}

  /** @param secrets values to scrub from anything recorded, wherever they appear. */
  async send(outgoing: OutgoingRequest, secrets: readonly (string | undefined)[]): Promise<HttpOutcome> {
    const headers: Record<string, string> = { accept: 'application/json' };
    let body: string | undefined;
    if (outgoing.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(outgoing.form).toString();
    } else if (outgoing.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(outgoing.json);
    }
    if (outgoing.basic) {
      const pair = `${formEncode(outgoing.basic.username)}:${formEncode(outgoing.basic.password)}`;
      headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
    } else if (outgoing.bearer) {
      headers.authorization = `Bearer ${outgoing.bearer}`;
    }
    const scrub = (text: string) => scrubSecrets(text, secrets);
    const request = recordRequest(outgoing, headers, scrub);
    let response: Response;
    try {
      response = await this.fetchFn(outgoing.url, {
        method: outgoing.method,
        headers,
        body,
        // A back-channel endpoint never redirects; following one would carry credentials elsewhere.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      return { request, networkError: scrub(describeNetworkError(error)) };
    }
    const text = await response.text();
    const json = parseJsonObject(response.headers.get('content-type'), text);
    // Tokens just issued are scrubbed from the whole answer too, not only from their own members.
    const issued = secretValuesIn(json);
    const scrubAll = (text: string) => scrubSecrets(text, [...secrets, ...issued]);
    return { status: response.status, json, request, response: recordResponse(response, text, json, scrubAll) };
  }
}

function recordRequest(
  outgoing: OutgoingRequest,
  headers: Record<string, string>,
  scrub: (text: string) => string,
): RecordedRequest {
  const url = new URL(outgoing.url);
  const query = [...url.searchParams].map(([name, value]) => ({ name, value }));
  const form = Object.entries(outgoing.form ?? {}).map(([name, value]) => ({ name, value }));
  const params = outgoing.form ? form : query;
  const shownHeaders: Field[] = Object.entries(headers).map(([name, value]) => ({
    name,
    value: name === 'authorization' ? maskAuthorization(value) : value,
  }));
  return {
    method: outgoing.method,
    url: scrub(`${url.origin}${url.pathname}`),
    ...(params.length > 0 ? { paramsIn: outgoing.form ? ('form body' as const) : ('query' as const) } : {}),
    params: scrubFields(maskFields(params), scrub),
    headers: scrubFields(shownHeaders, scrub),
    ...(outgoing.json !== undefined ? { body: scrub(cut(JSON.stringify(maskJson(outgoing.json), null, 2))) } : {}),
  };
}

function recordResponse(
  response: Response,
  text: string,
  json: Record<string, unknown> | undefined,
  scrub: (text: string) => string,
): RecordedResponse {
  const headers = RESPONSE_HEADERS.flatMap((name) => {
    const value = response.headers.get(name);
    return value === null ? [] : [{ name, value }];
  });
  const shown = json ? JSON.stringify(maskJson(json), null, 2) : text;
  return { status: response.status, headers: scrubFields(headers, scrub), body: scrub(cut(shown)) };
}

const scrubFields = (fields: Field[], scrub: (text: string) => string): Field[] =>
  fields.map(({ name, value }) => ({ name, value: scrub(value) }));

function parseJsonObject(contentType: string | null, text: string): Record<string, unknown> | undefined {
  if (!contentType?.includes('json')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
