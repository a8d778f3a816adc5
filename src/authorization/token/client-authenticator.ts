import { Injectable } from '@nestjs/common';
import type { Client } from '../../client-registry/client.js';
import { ClientRegistry } from '../../client-registry/client-registry.service.js';
import { InvalidClientError, InvalidRequestError } from '../../common/oauth-errors.js';
import { ClientThrottle } from './client-throttle.js';

/**
 * The body parameters of client authentication (RFC 6749 section 2.3.1), shared by every
 * back-channel request: token, introspection (RFC 7662) and revocation (RFC 7009).
 */
export interface ClientAuthenticationParameters {
  client_id?: string;
  client_secret?: string;
}

interface PresentedCredentials {
  clientId: string;
  secret?: string;
}

/**
 * Authenticates the client at the back-channel endpoints (RFC 6749 section 2.3): client_secret_basic
 * or client_secret_post for confidential clients, client_id alone for public ones. Every
 * failure is 401 invalid_client (section 5.2) and says nothing about which part was wrong.
 */
/** Control characters, which no client_id holds (RFC 6749 appendix A.1: VSCHAR, %x20-7E). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\x00-\x1f\x7f]/;

@Injectable()
export class ClientAuthenticator {
  constructor(
    private readonly registry: ClientRegistry,
    private readonly throttle: ClientThrottle,
  ) {}

  async authenticate(authorization: string | undefined, body: ClientAuthenticationParameters): Promise<Client> {
    const presented = this.presentedCredentials(authorization, body);
    const fail = () => new InvalidClientError('Client authentication failed');
    // Such an id names no client, and must not become a rate-limit key (PostgreSQL cannot
    // even store a NUL). It can arrive inside the Basic header, past the validation pipe.
    if (CONTROL_CHARACTER.test(presented.clientId)) throw fail();
    await this.throttle.count(presented.clientId);
    const client = await this.registry.find(presented.clientId);
    if (!client) throw fail();
    if (client.type === 'public') {
      if (presented.secret !== undefined) throw fail();
      return client;
    }
    if (presented.secret === undefined || !this.registry.secretMatches(client, presented.secret)) throw fail();
    return client;
  }

  private presentedCredentials(
    authorization: string | undefined,
    body: ClientAuthenticationParameters,
  ): PresentedCredentials {
    if (authorization !== undefined) {
      // Section 2.3: the client MUST NOT use more than one authentication method per request.
      if (body.client_secret !== undefined)
        throw new InvalidRequestError('Use either HTTP Basic or client_secret in the body, not both');
      const basic = parseBasic(authorization);
      if (body.client_id !== undefined && body.client_id !== basic.clientId) {
        throw new InvalidRequestError('client_id in the body does not match the Authorization header');
      }
      return basic;
    }
    if (body.client_id === undefined) throw new InvalidClientError('Client authentication is required');
    return { clientId: body.client_id, secret: body.client_secret };
  }
}

/** Section 2.3.1: `Basic base64(urlencode(client_id) ":" urlencode(client_secret))`. */
function parseBasic(header: string): { clientId: string; secret: string } {
  const match = /^Basic ([A-Za-z0-9+/]+=*)$/i.exec(header.trim());
  const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  if (colon < 1) throw new InvalidClientError('The Authorization header is not valid HTTP Basic');
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, ' ')),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, ' ')),
    };
  } catch {
    throw new InvalidClientError('The Authorization header is not valid HTTP Basic');
  }
}
