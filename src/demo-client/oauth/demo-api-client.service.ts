import { Injectable } from '@nestjs/common';
import { DemoClientSettings } from '../demo-client-settings.js';
import { RecordingHttpClient, type HttpOutcome, type OutgoingRequest } from '../inspector/recording-http-client.js';
import { appendEntry, LEGS } from '../inspector/timeline.js';
import { secretsOf, type DemoSession } from '../session/demo-session.js';
import { errorOf, exchangeEntry, problemOf } from './exchange-entry.js';

/** The API resources the demo reads. */
export const API_RESOURCES = ['profile', 'notes'] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

const WHAT: Record<ApiResource, string> = {
  profile: 'your profile (it needs the profile scope)',
  notes: 'your notes, and only yours (it needs notes:read)',
};

/** Figure 1 (E) and (F): the client presents its access token to the resource server (RFC 6750 section 2.1). */
@Injectable()
export class DemoApiClient {
  constructor(
    private readonly settings: DemoClientSettings,
    private readonly http: RecordingHttpClient,
  ) {}

  async read(session: DemoSession, resource: ApiResource): Promise<void> {
    const outcome = await this.send(session, { method: 'GET', url: `${this.settings.apiUrl}/${resource}` });
    if (outcome) this.record(session, outcome, `API: GET /api/${resource}`, `answered with ${WHAT[resource]}`);
  }

  /** POST /api/notes: a note written with the notes:write scope, owned by the token's user. */
  async addNote(session: DemoSession, text: string): Promise<void> {
    const outcome = await this.send(session, { method: 'POST', url: `${this.settings.apiUrl}/notes`, json: { text } });
    if (outcome)
      this.record(session, outcome, 'API: POST /api/notes', 'stored the note for your account (it needs notes:write)');
  }

  private async send(session: DemoSession, request: Omit<OutgoingRequest, 'bearer'>): Promise<HttpOutcome | undefined> {
    const accessToken = session.tokens?.accessToken;
    if (!accessToken) return undefined;
    return this.http.send({ ...request, bearer: accessToken }, secretsOf(session));
  }

  private record(session: DemoSession, outcome: HttpOutcome, title: string, success: string): void {
    appendEntry(session.timeline, exchangeEntry(outcome, LEGS.resourceRequest, title, summary(outcome, success)));
  }
}

function summary(outcome: HttpOutcome, success: string): string {
  const sent = 'The client sent its access token in the Authorization header (RFC 6750 section 2.1)';
  if (outcome.status !== undefined && outcome.status < 300) return `${sent}; the API checked it and ${success}.`;
  const { error } = errorOf(outcome);
  if (outcome.status === 401) {
    return (
      `${sent}; the API refused it (401 ${problemOf(outcome)}). ${error === 'invalid_token' ? 'A revoked or expired token gets this answer: ' : ''}` +
      'the client would refresh, or send you through (A) again.'
    );
  }
  if (error === 'insufficient_scope')
    return `${sent}; the token lacks a scope this call needs (403 ${problemOf(outcome)}).`;
  return `${sent}; the API answered ${problemOf(outcome)}.`;
}
