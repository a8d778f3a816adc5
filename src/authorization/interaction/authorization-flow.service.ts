import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Session } from '@fastify/secure-session';
import { SignInService, type LoggedInUser } from '../../accounts/sign-in.service.js';
import { SecurityEvents } from '../../audit/security-events.service.js';
import { ConsentRequiredError, LoginRequiredError, type OAuthError } from '../../common/oauth-errors.js';
import { appConfig } from '../../config/app.config.js';
import type { Grant } from '../../grants/grant.repository.js';
import { GrantService } from '../../grants/grant.service.js';
import type { ValidAuthorizationRequest } from '../authorize/authorization-context.js';
import { AuthorizationRedirectError } from '../authorize/authorization-redirect.error.js';
import { authorizationResponseUrl } from '../authorization-response.js';
import { AuthorizationCodeService } from '../codes/authorization-code.service.js';
import type { AuthorizationRequestRecord, PendingAuthorization } from './pending-authorization.repository.js';
import { PendingAuthorizationService } from './pending-authorization.service.js';

/** Whether the user's last password entry satisfies `prompt=login` / `max_age`. */
export function loginIsFresh(login: LoggedInUser, loginRequiredAfter: Date | null): boolean {
  return loginRequiredAfter === null || login.authTime >= loginRequiredAfter;
}

/**
 * The resource owner's part of the code flow (RFC 6749 section 4.1, step B), from a
 * validated request to the redirect back to the client: login only when needed (OpenID
 * Connect `prompt`, `max_age`), consent only for scopes not granted before.
 */
@Injectable()
export class AuthorizationFlow {
  constructor(
    private readonly pending: PendingAuthorizationService,
    private readonly signIn: SignInService,
    private readonly grants: GrantService,
    private readonly codes: AuthorizationCodeService,
    private readonly events: SecurityEvents,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  /** @returns where to send the browser: straight back to the client, or to the login/consent page. */
  async begin(request: ValidAuthorizationRequest, session: Session | undefined): Promise<string> {
    const record = requestRecord(request);
    const loginRequiredAfter = loginDeadline(request, new Date());
    const consentRequired = request.prompts.includes('consent');
    const login = await this.signIn.current(session);
    const freshLogin = login && loginIsFresh(login, loginRequiredAfter) ? login : null;
    const grant =
      freshLogin && !consentRequired
        ? await this.grants.coveringGrant(freshLogin.user.id, record.clientId, record.scopes)
        : null;
    if (request.prompts.includes('none')) {
      // OpenID Connect Core section 3.1.2.1: with prompt=none the server MUST NOT show any page.
      if (!freshLogin) throw this.redirectError(new LoginRequiredError('The user is not logged in'), record);
      if (!grant) throw this.redirectError(new ConsentRequiredError('The user has not granted these scopes'), record);
    }
    if (freshLogin && grant) return this.approve(record, freshLogin, grant);
    const interaction = await this.pending.create(record, { loginRequiredAfter, consentRequired });
    return `/oauth/interaction/${interaction}`;
  }

  /** After a login: back to the client when everything asked was granted before, else the consent page. */
  async afterLogin(interaction: string, login: LoggedInUser): Promise<string> {
    const pending = await this.pending.get(interaction);
    const grant = pending.consentRequired
      ? null
      : await this.grants.coveringGrant(login.user.id, pending.clientId, pending.scopes);
    if (!grant) return `/oauth/interaction/${interaction}`;
    await this.pending.complete(pending);
    return this.approve(pending, login, grant);
  }

  /** The answer to the client: a code on approval, access_denied on denial (RFC 6749 section 4.1.2). */
  async decide(pending: PendingAuthorization, login: LoggedInUser, decision: 'approve' | 'deny'): Promise<string> {
    await this.pending.complete(pending);
    const consent = { userId: login.user.id, clientId: pending.clientId, detail: { scopes: [...pending.scopes] } };
    await this.events.record({ type: decision === 'approve' ? 'consent_granted' : 'consent_denied', ...consent });
    if (decision === 'approve') return this.approve(pending, login);
    return authorizationResponseUrl(pending.redirectUri, this.app.issuer, {
      error: 'access_denied',
      error_description: 'The user denied the request',
      state: pending.state,
    });
  }

  /** @param covering the live grant already found to cover the request; else the consent just given is recorded. */
  private async approve(request: AuthorizationRequestRecord, login: LoggedInUser, covering?: Grant): Promise<string> {
    const grant = covering ?? (await this.grants.recordConsent(login.user.id, request.clientId, request.scopes));
    const code = await this.codes.issue(request, login.user.id, grant.id, login.authTime);
    return authorizationResponseUrl(request.redirectUri, this.app.issuer, { code, state: request.state });
  }

  private redirectError(error: OAuthError, record: AuthorizationRequestRecord): AuthorizationRedirectError {
    return new AuthorizationRedirectError(error, record.redirectUri, record.state ?? undefined);
  }
}

function requestRecord(request: ValidAuthorizationRequest): AuthorizationRequestRecord {
  return {
    clientId: request.client.id,
    redirectUri: request.redirectUri,
    redirectUriSent: request.params.redirect_uri !== undefined,
    scopes: request.scopes,
    state: request.params.state ?? null,
    codeChallenge: request.codeChallenge,
    nonce: request.params.nonce ?? null,
  };
}

/** `prompt=login` wants a login from now on; `max_age` accepts one no older than its seconds. */
function loginDeadline(request: ValidAuthorizationRequest, now: Date): Date | null {
  const deadlines: number[] = [];
  if (request.prompts.includes('login')) deadlines.push(now.getTime());
  if (request.maxAge !== null) deadlines.push(now.getTime() - request.maxAge * 1000);
  return deadlines.length > 0 ? new Date(Math.max(...deadlines)) : null;
}
