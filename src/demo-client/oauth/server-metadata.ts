import { Injectable } from '@nestjs/common';
import { DemoClientSettings } from '../demo-client-settings.js';
import { RecordingHttpClient } from '../inspector/recording-http-client.js';
import { appendEntry, LEGS } from '../inspector/timeline.js';
import type { DemoSession, ServerEndpoints } from '../session/demo-session.js';
import { exchangeEntry, problemOf } from './exchange-entry.js';

const ENDPOINTS = ['authorization_endpoint', 'token_endpoint', 'revocation_endpoint'] as const;

/**
 * RFC 8414: the client learns the server's endpoints from its metadata, and checks that the
 * metadata names the issuer it was configured with (section 3.3), before it sends anyone there.
 */
@Injectable()
export class ServerMetadata {
  constructor(
    private readonly settings: DemoClientSettings,
    private readonly http: RecordingHttpClient,
  ) {}

  /** Reads the metadata, records the exchange, and returns the endpoints, or undefined when unusable. */
  async discover(session: DemoSession): Promise<ServerEndpoints | undefined> {
    const outcome = await this.http.send({ method: 'GET', url: this.settings.metadataUrl }, []);
    const metadata = outcome.json ?? {};
    const issuerOk = metadata.issuer === this.settings.issuer;
    const endpointsOk = ENDPOINTS.every((name) => typeof metadata[name] === 'string');
    const checks =
      outcome.status === 200
        ? [
            {
              name: 'issuer',
              passed: issuerOk,
              detail: `${String(metadata.issuer)}; the client expects ${this.settings.issuer}`,
            },
            { name: 'endpoints', passed: endpointsOk, detail: ENDPOINTS.join(', ') },
          ]
        : [];
    const usable = outcome.status === 200 && issuerOk && endpointsOk;
    const summary = usable
      ? 'Before (A), the client read the server’s metadata to learn where its endpoints are, and checked that it names the issuer the client trusts.'
      : outcome.status === 200
        ? 'The client refused the server’s metadata: it does not name the expected issuer and its endpoints, so the client goes nowhere.'
        : `The server’s metadata could not be read (${problemOf(outcome)}), so the client cannot start.`;
    appendEntry(session.timeline, exchangeEntry(outcome, LEGS.discovery, 'Server metadata', summary, checks));
    if (!usable) return undefined;
    return {
      // The browser goes to the authorization endpoint: it stays the public URL.
      authorization: metadata.authorization_endpoint as string,
      token: this.settings.backChannel(metadata.token_endpoint as string),
      revocation: this.settings.backChannel(metadata.revocation_endpoint as string),
    };
  }
}
