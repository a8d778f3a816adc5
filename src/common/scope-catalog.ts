/**
 * The scopes this server knows, with the words the consent page shows for each.
 * A client may be registered only for these.
 */
export const SCOPE_CATALOG: Readonly<Record<string, string>> = {
  openid: 'Sign you in with your account',
  profile: 'See your name and username',
  email: 'See your email address',
  'notes:read': 'Read your notes',
  'notes:write': 'Create notes in your name',
};

export function isKnownScope(scope: string): boolean {
  return Object.hasOwn(SCOPE_CATALOG, scope);
}

export function describeScope(scope: string): string {
  return SCOPE_CATALOG[scope] ?? scope;
}
