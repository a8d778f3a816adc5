import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SUPPORTED_PROMPTS } from '../authorization/authorize/checks/prompt.check.js';
import { SUPPORTED_GRANT_TYPES } from '../client-registry/client.js';
import { SCOPE_CATALOG } from '../common/scope-catalog.js';
import { appConfig } from '../config/app.config.js';
import { ID_TOKEN_SIGNING_ALGORITHM } from '../keys/signing-algorithm.js';

/**
 * The server's metadata, as both RFC 8414 section 2 (OAuth 2.0 Authorization Server
 * Metadata) and OpenID Connect Discovery 1.0 section 3 define it; wire names as in the specs.
 */
export interface AuthorizationServerMetadata {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly userinfo_endpoint: string;
  readonly introspection_endpoint: string;
  readonly revocation_endpoint: string;
  readonly scopes_supported: readonly string[];
  readonly response_types_supported: readonly string[];
  readonly response_modes_supported: readonly string[];
  readonly grant_types_supported: readonly string[];
  readonly token_endpoint_auth_methods_supported: readonly string[];
  readonly introspection_endpoint_auth_methods_supported: readonly string[];
  readonly revocation_endpoint_auth_methods_supported: readonly string[];
  readonly code_challenge_methods_supported: readonly string[];
  readonly authorization_response_iss_parameter_supported: boolean;
  readonly id_token_signing_alg_values_supported: readonly string[];
  readonly subject_types_supported: readonly string[];
  readonly claims_supported: readonly string[];
  readonly prompt_values_supported: readonly string[];
}

/** Where each endpoint is served, relative to the issuer. */
export const ENDPOINT_PATHS = {
  authorization_endpoint: '/oauth/authorize',
  token_endpoint: '/oauth/token',
  jwks_uri: '/oauth/jwks',
  userinfo_endpoint: '/oauth/userinfo',
  introspection_endpoint: '/oauth/introspect',
  revocation_endpoint: '/oauth/revoke',
} as const;

const CLIENT_SECRET_METHODS = ['client_secret_basic', 'client_secret_post'];

/** Builds the metadata document once, from the running configuration: no host is written here. */
@Injectable()
export class DiscoveryMetadataService {
  private readonly metadata: AuthorizationServerMetadata;

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>) {
    this.metadata = Object.freeze(buildMetadata(app.issuer));
  }

  document(): AuthorizationServerMetadata {
    return this.metadata;
  }
}

function buildMetadata(issuer: string): AuthorizationServerMetadata {
  const endpoints = Object.fromEntries(
    Object.entries(ENDPOINT_PATHS).map(([name, path]) => [name, `${issuer}${path}`]),
  ) as Record<keyof typeof ENDPOINT_PATHS, string>;
  return {
    // RFC 8414 section 3.3, OIDC Discovery section 4.3: MUST be identical to the issuer in tokens and responses.
    issuer,
    ...endpoints,
    scopes_supported: Object.keys(SCOPE_CATALOG),
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: [...SUPPORTED_GRANT_TYPES],
    token_endpoint_auth_methods_supported: [...CLIENT_SECRET_METHODS, 'none'],
    introspection_endpoint_auth_methods_supported: CLIENT_SECRET_METHODS,
    revocation_endpoint_auth_methods_supported: [...CLIENT_SECRET_METHODS, 'none'],
    code_challenge_methods_supported: ['S256'],
    authorization_response_iss_parameter_supported: true,
    // ID tokens are RS256 whatever ACCESS_TOKEN_ALG says (OpenID Connect Core section 15.1).
    id_token_signing_alg_values_supported: [ID_TOKEN_SIGNING_ALGORITHM],
    subject_types_supported: ['public'],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'at_hash',
      'name',
      'preferred_username',
      'email',
      'email_verified',
    ],
    prompt_values_supported: [...SUPPORTED_PROMPTS],
  };
}
