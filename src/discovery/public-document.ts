/**
 * Caching of the discovery documents and the JWK Set: five minutes. A key starts signing as
 * soon as it is published, so a copy cached before a rotation lacks it; clients re-fetch the
 * JWK Set when they meet an unknown `kid`, as JWT libraries do.
 */
export const PUBLIC_DOCUMENT_CACHE_CONTROL = 'public, max-age=300';

/** Public documents without credentials: browser-based clients of any origin may read them. */
export const ANY_ORIGIN = '*';
