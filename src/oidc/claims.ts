import type { User } from '../accounts/user.js';

/** Standard claims a scope releases (OpenID Connect Core section 5.4). */
export type UserClaims = {
  name?: string | null;
  preferred_username?: string;
  email?: string | null;
  email_verified?: boolean;
};

/** The user's claims that these scopes allow: `profile` and `email`; `sub` is always added by the caller. */
export function claimsForScopes(user: User, scopes: readonly string[]): UserClaims {
  return {
    ...(scopes.includes('profile') ? { name: user.name, preferred_username: user.username } : {}),
    ...(scopes.includes('email') ? { email: user.email, email_verified: user.emailVerified } : {}),
  };
}
