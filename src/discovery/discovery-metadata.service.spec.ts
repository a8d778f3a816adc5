import { describe, expect, it } from '@jest/globals';
import { SUPPORTED_GRANT_TYPES } from '../client-registry/client.js';
import { SCOPE_CATALOG } from '../common/scope-catalog.js';
import { testAppConfig } from '../testing/fixtures.js';
import { DiscoveryMetadataService, ENDPOINT_PATHS } from './discovery-metadata.service.js';

const metadataFor = (issuer: string) => new DiscoveryMetadataService(testAppConfig({ issuer })).document();

describe('DiscoveryMetadataService: RFC 8414 section 2 and OpenID Connect Discovery 1.0 section 3', () => {
  it.each(['https://id.example.test', 'http://localhost:4000', 'https://example.test/tenant-a'])(
    'derives the issuer and every endpoint from ISSUER=%s (RFC 8414 section 3.3: the issuer is identical)',
    (issuer) => {
      const metadata = metadataFor(issuer);
      expect(metadata.issuer).toBe(issuer);
      for (const [name, path] of Object.entries(ENDPOINT_PATHS)) {
        expect(metadata[name as keyof typeof ENDPOINT_PATHS]).toBe(`${issuer}${path}`);
      }
    },
  );

  it('has the members both specifications require', () => {
    const metadata = metadataFor('https://id.example.test');
    // RFC 8414 section 2 REQUIRED (and the token endpoint, since the code grant is supported).
    for (const member of ['issuer', 'authorization_endpoint', 'token_endpoint', 'response_types_supported']) {
      expect(metadata).toHaveProperty(member);
    }
    // OpenID Connect Discovery 1.0 section 3 REQUIRED.
    for (const member of ['jwks_uri', 'subject_types_supported', 'id_token_signing_alg_values_supported']) {
      expect(metadata).toHaveProperty(member);
    }
  });

  it('lists the scope catalogue and the supported grant types as the code defines them', () => {
    const metadata = metadataFor('https://id.example.test');
    expect(metadata.scopes_supported).toEqual(Object.keys(SCOPE_CATALOG));
    expect(metadata.grant_types_supported).toEqual([...SUPPORTED_GRANT_TYPES]);
  });

  it('states what the server does', () => {
    expect(metadataFor('https://id.example.test')).toMatchObject({
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      introspection_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      revocation_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
      id_token_signing_alg_values_supported: ['RS256'],
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
      prompt_values_supported: ['none', 'login', 'consent'],
    });
  });

  it('builds the document once and serves that same, frozen document', () => {
    const service = new DiscoveryMetadataService(testAppConfig());
    expect(service.document()).toBe(service.document());
    expect(Object.isFrozen(service.document())).toBe(true);
  });
});
