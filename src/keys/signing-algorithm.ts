/**
 * The JWS algorithms this server signs with (RFC 7518 section 3.1), both over SHA-256:
 * RSASSA-PKCS1-v1_5 (RS256) and ECDSA on P-256 (ES256).
 */
export const SIGNING_ALGORITHMS = ['RS256', 'ES256'] as const;

export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

/**
 * ID tokens are always RS256: OpenID Connect Core section 15.1 makes it the one algorithm every
 * relying party supports, and a client that registers no `id_token_signed_response_alg` expects it.
 */
export const ID_TOKEN_SIGNING_ALGORITHM: SigningAlgorithm = 'RS256';
