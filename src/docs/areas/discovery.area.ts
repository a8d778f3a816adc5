import { ANY_ORIGIN, PUBLIC_DOCUMENT_CACHE_CONTROL } from '../../discovery/public-document.js';
import { json, ref, type DocumentArea } from '../common.schemas.js';
import type { Header, Operation, Schema } from '../openapi.types.js';

/** The discovery documents and the JWK Set are public and cacheable for five minutes. */
const PUBLIC_DOCUMENT: Record<string, Header> = {
  'Cache-Control': { required: true, schema: { const: PUBLIC_DOCUMENT_CACHE_CONTROL } },
  'Access-Control-Allow-Origin': { required: true, schema: { const: ANY_ORIGIN } },
};

const metadata = (operationId: string, summary: string, description: string): Operation => ({
  operationId,
  tags: ['Discovery'],
  summary,
  description,
  security: [],
  responses: {
    '200': {
      description: 'The metadata.',
      headers: PUBLIC_DOCUMENT,
      content: json(ref('AuthorizationServerMetadata')),
    },
  },
});

const strings: Schema = { type: 'array', items: { type: 'string' } };
const url: Schema = { type: 'string', format: 'uri' };

/** RFC 8414 section 2 and OpenID Connect Discovery 1.0 section 3. */
const METADATA_PROPERTIES: Record<string, Schema> = {
  issuer: url,
  authorization_endpoint: url,
  token_endpoint: url,
  jwks_uri: url,
  userinfo_endpoint: url,
  introspection_endpoint: url,
  revocation_endpoint: url,
  scopes_supported: strings,
  response_types_supported: strings,
  response_modes_supported: strings,
  grant_types_supported: strings,
  token_endpoint_auth_methods_supported: strings,
  introspection_endpoint_auth_methods_supported: strings,
  revocation_endpoint_auth_methods_supported: strings,
  code_challenge_methods_supported: strings,
  authorization_response_iss_parameter_supported: { type: 'boolean' },
  id_token_signing_alg_values_supported: strings,
  subject_types_supported: strings,
  claims_supported: strings,
  prompt_values_supported: strings,
};

/** What a client reads before it talks to the server: RFC 8414, OpenID Connect Discovery 1.0, RFC 7517. */
export const DISCOVERY_AREA: DocumentArea = {
  tag: { name: 'Discovery', description: 'Server metadata and the public signing keys.' },
  paths: {
    '/.well-known/oauth-authorization-server': {
      get: metadata('authorizationServerMetadata', 'Authorization server metadata', 'RFC 8414 section 3.'),
    },
    '/.well-known/openid-configuration': {
      get: metadata(
        'openidConfiguration',
        'OpenID provider configuration',
        'OpenID Connect Discovery 1.0 section 4: the same document as RFC 8414’s.',
      ),
    },
    '/oauth/jwks': {
      get: {
        operationId: 'jwks',
        tags: ['Discovery'],
        summary: 'The public signing keys',
        description:
          'RFC 7517 section 5: every key that may still verify a token this server signed. A client that meets ' +
          'an unknown `kid` fetches the set again.',
        security: [],
        responses: {
          '200': {
            description: 'The JWK Set.',
            headers: PUBLIC_DOCUMENT,
            content: { 'application/jwk-set+json': { schema: ref('JwkSet') } },
          },
        },
      },
    },
  },
  schemas: {
    AuthorizationServerMetadata: {
      description: 'RFC 8414 section 2 and OpenID Connect Discovery 1.0 section 3; every URL starts with the issuer.',
      type: 'object',
      properties: METADATA_PROPERTIES,
      // This server sends every member it supports.
      required: Object.keys(METADATA_PROPERTIES),
      additionalProperties: false,
    },
    JwkSet: {
      description: 'RFC 7517 section 5.',
      type: 'object',
      properties: { keys: { type: 'array', items: ref('PublicJwk') } },
      required: ['keys'],
      additionalProperties: false,
    },
    PublicJwk: {
      description: 'RFC 7517 section 4: an RSA (RS256) or P-256 (ES256) public key; never a private member.',
      oneOf: [ref('PublicRsaJwk'), ref('PublicEcJwk')],
    },
    PublicRsaJwk: {
      description: 'RFC 7518 section 6.3.1: an RSA public key, for RS256 (ID tokens, and access tokens by default).',
      type: 'object',
      properties: {
        kty: { const: 'RSA' },
        n: { type: 'string', description: 'Modulus, base64url.' },
        e: { type: 'string', description: 'Exponent, base64url.' },
        kid: { type: 'string', description: 'The RFC 7638 thumbprint; a token’s header names it.' },
        use: { const: 'sig' },
        alg: { const: 'RS256' },
      },
      required: ['kty', 'n', 'e', 'kid', 'use', 'alg'],
      additionalProperties: false,
    },
    PublicEcJwk: {
      description: 'RFC 7518 section 6.2.1: a P-256 public key, for ES256 access tokens (ACCESS_TOKEN_ALG=ES256).',
      type: 'object',
      properties: {
        kty: { const: 'EC' },
        crv: { const: 'P-256' },
        x: { type: 'string', description: 'x coordinate, base64url.' },
        y: { type: 'string', description: 'y coordinate, base64url.' },
        kid: { type: 'string', description: 'The RFC 7638 thumbprint; a token’s header names it.' },
        use: { const: 'sig' },
        alg: { const: 'ES256' },
      },
      required: ['kty', 'crv', 'x', 'y', 'kid', 'use', 'alg'],
      additionalProperties: false,
    },
  },
};
