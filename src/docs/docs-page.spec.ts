import { describe, expect, it } from '@jest/globals';
import { docsPage, prose } from './docs-page.js';
import { buildOpenApiDocument } from './openapi-document.js';

const ISSUER = 'https://id.example.com/tenant';
const document = buildOpenApiDocument(ISSUER, '1.2.3');
const page = docsPage(document);
const operation = (anchor: string) =>
  page.sections.flatMap((section) => section.operations).find((candidate) => candidate.anchor === anchor)!;

describe('the OpenAPI document', () => {
  it('is served for the issuer, whatever its path, with the flows at its endpoints', () => {
    expect(document.servers).toEqual([{ url: ISSUER, description: expect.any(String) }]);
    expect(document.info.version).toBe('1.2.3');
    expect(document.components.securitySchemes.clientToken).toEqual(
      expect.objectContaining({
        flows: { clientCredentials: expect.objectContaining({ tokenUrl: `${ISSUER}/oauth/token` }) },
      }),
    );
  });
});

describe('the docs page', () => {
  it('escapes description text and marks up only its `code` spans', () => {
    expect(prose('a <b> & `c<d>`').toString()).toBe('a &lt;b&gt; &amp; <code>c&lt;d&gt;</code>');
  });

  it('lists the token request as one table per grant type', () => {
    const [request] = operation('token').blocks;
    expect(request!.contentType).toBe('application/x-www-form-urlencoded');
    expect(request!.variants.map((variant) => variant.fields[0])).toEqual(
      ['"authorization_code"', '"refresh_token"', '"client_credentials"'].map((type) =>
        expect.objectContaining({ name: 'grant_type', type, required: true }),
      ),
    );
  });

  it('expands success bodies one level down, and links error bodies to their one table', () => {
    const [ok, badRequest] = operation('listNotes').blocks;
    expect(ok!.variants[0]!.fields.map((field) => field.name)).toEqual([
      'notes',
      'notes[].id',
      'notes[].text',
      'notes[].created_at',
    ]);
    expect(badRequest).toMatchObject({ heading: '400', errorSchema: 'BearerError', variants: [] });
    expect(page.errorSchemas.map((schema) => schema.name)).toEqual(['OAuthError', 'BearerError']);
  });

  it('says which token and scope each API route needs', () => {
    expect(operation('stats').authentication).toEqual([
      'userToken with scope notes:read',
      'clientToken with scope notes:read',
    ]);
    expect(operation('jwks').authentication).toEqual(['none']);
  });
});
