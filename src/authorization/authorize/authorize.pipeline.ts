import { Injectable } from '@nestjs/common';
import { ClientRegistry } from '../../client-registry/client-registry.service.js';
import { OAuthError } from '../../common/oauth-errors.js';
import type { AuthorizationCheck, AuthorizationContext, ValidAuthorizationRequest } from './authorization-context.js';
import type { AuthorizationRequestDto } from './authorization-request.dto.js';
import { AuthorizationRedirectError } from './authorization-redirect.error.js';
import { checkClient } from './checks/client.check.js';
import { checkMaxAge } from './checks/max-age.check.js';
import { checkPkce } from './checks/pkce.check.js';
import { checkPrompt } from './checks/prompt.check.js';
import { checkRedirectUri } from './checks/redirect-uri.check.js';
import { checkResponseType } from './checks/response-type.check.js';
import { checkScope } from './checks/scope.check.js';

/**
 * The authorization request (RFC 6749 section 4.1.1), checked in order. The first two
 * checks establish where errors may be sent; until then an error is shown on a page.
 */
@Injectable()
export class AuthorizePipeline {
  private readonly beforeRedirectIsKnown: AuthorizationCheck[];
  private readonly afterRedirectIsKnown: AuthorizationCheck[] = [
    checkResponseType,
    checkScope,
    checkPkce,
    checkPrompt,
    checkMaxAge,
  ];

  constructor(registry: ClientRegistry) {
    this.beforeRedirectIsKnown = [checkClient(registry), checkRedirectUri];
  }

  async validate(params: AuthorizationRequestDto): Promise<ValidAuthorizationRequest> {
    const context: AuthorizationContext = { params };
    for (const check of this.beforeRedirectIsKnown) await check(context);
    try {
      for (const check of this.afterRedirectIsKnown) await check(context);
    } catch (error) {
      if (error instanceof OAuthError && error.redirectable) {
        throw new AuthorizationRedirectError(error, context.redirectUri!, params.state);
      }
      throw error;
    }
    return {
      ...context,
      codeChallenge: context.codeChallenge ?? null,
      maxAge: context.maxAge ?? null,
    } as ValidAuthorizationRequest;
  }
}
