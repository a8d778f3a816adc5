import type { ClientCredentials, DemoClientSettings } from '../demo-client-settings.js';
import { appendEntry, type Leg } from '../inspector/timeline.js';
import type { DemoSession } from '../session/demo-session.js';

/** The client's registration, or undefined after recording in the timeline why it has none. */
export function requireCredentials(
  settings: DemoClientSettings,
  session: DemoSession,
  leg: Leg,
): ClientCredentials | undefined {
  const credentials = settings.credentials();
  if (!credentials) {
    appendEntry(session.timeline, {
      leg,
      title: 'Client not registered',
      outcome: 'error',
      summary:
        `The client has no registration: ${settings.credentialsFile} is missing or unreadable. The server writes ` +
        'it when it starts with SEED_DEMO=true (the default outside production) and an ISSUER usable as a redirect URI.',
    });
  }
  return credentials;
}
