/** RFC 6749 section 2.1 client types. */
export type ClientType = 'confidential' | 'public';

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
export const SUPPORTED_GRANT_TYPES: readonly GrantType[] = [
  'authorization_code',
  'refresh_token',
  'client_credentials',
];
/** A client registered without naming its grant types gets the code flow with refresh tokens. */
export const DEFAULT_GRANT_TYPES: readonly GrantType[] = ['authorization_code', 'refresh_token'];

/** A registered client as the rest of the server sees it. */
export interface Client {
  readonly id: string;
  readonly name: string;
  readonly type: ClientType;
  /** SHA-256 of the secret (confidential clients only); the secret itself is never stored. */
  readonly secretHash: string | null;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly grantTypes: readonly string[];
  readonly createdAt: Date;
}
