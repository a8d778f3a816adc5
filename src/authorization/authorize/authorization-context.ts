import type { Client } from '../../client-registry/client.js';
import type { AuthorizationRequestDto } from './authorization-request.dto.js';

/** What the authorize pipeline learns, check by check. */
export interface AuthorizationContext {
  readonly params: AuthorizationRequestDto;
  client?: Client;
  /** Set once the redirect_uri is verified; from then on errors may be redirected. */
  redirectUri?: string;
  scopes?: string[];
  codeChallenge?: string;
  /** OpenID Connect `prompt` values, each at most once. */
  prompts?: Prompt[];
  /** OpenID Connect `max_age`, in seconds. */
  maxAge?: number;
}

export type Prompt = 'none' | 'login' | 'consent';

/** The context of a request that passed every check. */
export type ValidAuthorizationRequest = Required<Omit<AuthorizationContext, 'codeChallenge' | 'maxAge'>> & {
  codeChallenge: string | null;
  maxAge: number | null;
};

/** One rule of the authorization request; throws one typed OAuthError when it is broken. */
export type AuthorizationCheck = (context: AuthorizationContext) => void | Promise<void>;
