import { DISCOVERY_AREA } from './areas/discovery.area.js';
import { INTROSPECTION_AREA } from './areas/introspection.area.js';
import { RESOURCE_API_AREA } from './areas/resource-api.area.js';
import { REVOCATION_AREA } from './areas/revocation.area.js';
import { TOKEN_AREA } from './areas/token.area.js';
import { USERINFO_AREA } from './areas/userinfo.area.js';
import { COMMON_SCHEMAS, type DocumentArea } from './common.schemas.js';
import type { OpenApiDocument } from './openapi.types.js';
import { securitySchemes } from './security-schemes.js';

/** The areas in the order the page lists them. */
const AREAS: readonly DocumentArea[] = [
  TOKEN_AREA,
  INTROSPECTION_AREA,
  REVOCATION_AREA,
  USERINFO_AREA,
  DISCOVERY_AREA,
  RESOURCE_API_AREA,
];

/**
 * The OpenAPI 3.1 description of the server's machine-facing endpoints: the OAuth back
 * channel, UserInfo, discovery and the resource API. Paths are relative to the issuer, the
 * one server entry, as every endpoint in the RFC 8414 metadata is.
 */
export function buildOpenApiDocument(issuer: string, version: string): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'OAuth 2.0 authorization server and demo API',
      version,
      description:
        'Back-channel requests are application/x-www-form-urlencoded and answer RFC 6749 section 5.2 errors; ' +
        'API routes take `Authorization: Bearer` and answer RFC 6750 challenges. The browser-facing ' +
        'authorization endpoint (`GET /oauth/authorize`) answers with redirects and pages, so it is described ' +
        'by the metadata at `/.well-known/oauth-authorization-server` rather than here.',
    },
    servers: [{ url: issuer, description: 'The issuer (ISSUER)' }],
    tags: AREAS.map((area) => area.tag),
    paths: mergeDistinct(AREAS.map((area) => area.paths)),
    components: {
      schemas: mergeDistinct([COMMON_SCHEMAS, ...AREAS.map((area) => area.schemas)]),
      securitySchemes: securitySchemes(issuer),
    },
  };
}

/** Joins the areas' maps; two areas naming the same path or schema is a mistake, not an override. */
function mergeDistinct<T>(parts: Record<string, T>[]): Record<string, T> {
  const merged: Record<string, T> = {};
  for (const [key, value] of parts.flatMap((part) => Object.entries(part))) {
    if (Object.hasOwn(merged, key)) throw new Error(`Two areas of the OpenAPI document define ${key}`);
    merged[key] = value;
  }
  return merged;
}
