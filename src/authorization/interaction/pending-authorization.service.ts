import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomToken, sha256 } from '../../common/crypto.js';
import { InvalidInteractionError } from '../../common/oauth-errors.js';
import { secondsFromNow } from '../../common/time.js';
import { tokensConfig } from '../../config/tokens.config.js';
import {
  PendingAuthorizationRepository,
  type AuthorizationRequestRecord,
  type PendingAuthorization,
} from './pending-authorization.repository.js';

export type LoginAndConsentDemands = Pick<PendingAuthorization, 'loginRequiredAfter' | 'consentRequired'>;

const EXPIRED = 'This sign-in request has expired or was already answered. Go back to the application and start again.';

/**
 * Keeps a validated authorization request on the server while the user logs in and
 * consents. The browser sees only an unguessable id (256 bits); forms never carry the
 * request's parameters, so none can be altered on the way.
 */
@Injectable()
export class PendingAuthorizationService {
  constructor(
    private readonly pending: PendingAuthorizationRepository,
    @Inject(tokensConfig.KEY) private readonly config: ConfigType<typeof tokensConfig>,
  ) {}

  /** @returns the id the browser carries. */
  async create(request: AuthorizationRequestRecord, demands: LoginAndConsentDemands): Promise<string> {
    const id = randomToken(32);
    const now = new Date();
    await this.pending.insert({
      ...request,
      ...demands,
      idHash: sha256(id),
      createdAt: now,
      expiresAt: secondsFromNow(this.config.interactionTtl, now),
    });
    return id;
  }

  /** The live pending authorization, or an error page if it expired or never existed. */
  async get(id: string | undefined): Promise<PendingAuthorization> {
    const pending = id ? await this.pending.findLive(sha256(id), new Date()) : null;
    if (!pending) throw new InvalidInteractionError(EXPIRED);
    return pending;
  }

  /** Ends the pending authorization; only one answer (approve or deny) can ever be given. */
  async complete(pending: PendingAuthorization): Promise<void> {
    if (!(await this.pending.delete(pending.idHash))) throw new InvalidInteractionError(EXPIRED);
  }
}
