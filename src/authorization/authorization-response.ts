/**
 * The URL that answers an authorization request: the client's verified redirect_uri with
 * the response parameters added to its query, keeping any query it already had (RFC 6749
 * section 3.1.2), and `iss` so the client can detect mix-up attacks (RFC 9207 section 2).
 */
export function authorizationResponseUrl(
  redirectUri: string,
  issuer: string,
  params: Record<string, string | null | undefined>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined) url.searchParams.set(name, value);
  }
  url.searchParams.set('iss', issuer);
  return url.toString();
}
