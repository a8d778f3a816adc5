const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Checks a redirect URI at registration: absolute (RFC 6749 section 3.1.2), without a
 * fragment (section 3.1.2), https unless it points at this machine (RFC 9700 section 2.6,
 * RFC 8252 section 7.3), no wildcards. Returns a reason when it is refused.
 */
export function redirectUriProblem(uri: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `"${uri}" is not an absolute URI`;
  }
  if (uri.includes('#')) return `"${uri}" must not contain a fragment`;
  if (uri.includes('*')) return `"${uri}" must not contain wildcards`;
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOOPBACK_HOSTS.has(parsed.hostname)) return null;
  return `"${uri}" must use https (plain http only for localhost, 127.0.0.1 or [::1])`;
}
