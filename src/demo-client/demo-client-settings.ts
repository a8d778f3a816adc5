import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { readFileSync } from 'node:fs';
import { appConfig } from '../config/app.config.js';
import { demoClientConfig } from '../config/demo-client.config.js';

/** The client's registration, as the registry gave it out (written by the seed, like any client's config file). */
export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** What the demo client asks for: OpenID Connect sign-in, the profile and the notes API. */
export const DEMO_SCOPE = 'openid profile notes:read notes:write';

/** RFC 6749 section 3.1.2: the demo client's redirect URI (`GET /demo/callback`), as the seed registers it. */
export function demoClientRedirectUri(issuer: string): string {
  return `${issuer}/demo/callback`;
}

/**
 * Everything the demo client knows about its world, from configuration only: the issuer it
 * trusts, its own redirect URI, and its credentials file. No service of the server is used.
 */
@Injectable()
export class DemoClientSettings {
  readonly issuer: string;
  /** RFC 6749 section 3.1.2: the redirect URI registered for this client. */
  readonly redirectUri: string;
  readonly credentialsFile: string;
  private readonly backChannelUrl: string | undefined;

  constructor(
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    @Inject(demoClientConfig.KEY) demo: ConfigType<typeof demoClientConfig>,
  ) {
    this.issuer = app.issuer;
    this.redirectUri = demoClientRedirectUri(app.issuer);
    this.credentialsFile = app.demoClientFile;
    this.backChannelUrl = demo.backChannelUrl;
  }

  /** RFC 8414 section 3: where the server's metadata is, reached over the back channel. */
  get metadataUrl(): string {
    return this.backChannel(`${this.issuer}/.well-known/oauth-authorization-server`);
  }

  /** The resource server's base URL (the API is not described by the authorization server's metadata). */
  get apiUrl(): string {
    return this.backChannel(`${this.issuer}/api`);
  }

  /** A URL under the issuer, moved to DEMO_CLIENT_BACKCHANNEL_URL when one is set; any other URL unchanged. */
  backChannel(url: string): string {
    if (!this.backChannelUrl || !url.startsWith(`${this.issuer}/`)) return url;
    return `${this.backChannelUrl}${url.slice(this.issuer.length)}`;
  }

  /** Read at each use, so a re-seeded client is picked up; undefined when there is no usable file. */
  credentials(): ClientCredentials | undefined {
    try {
      const saved = JSON.parse(readFileSync(this.credentialsFile, 'utf8')) as Record<string, unknown>;
      const { client_id: clientId, client_secret: clientSecret } = saved;
      if (typeof clientId !== 'string' || typeof clientSecret !== 'string') return undefined;
      return { clientId, clientSecret };
    } catch {
      return undefined;
    }
  }
}
