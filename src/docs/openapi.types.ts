/**
 * The part of OpenAPI 3.1 (https://spec.openapis.org/oas/v3.1.0) this server's document uses.
 * Schemas are JSON Schema 2020-12, limited to the keywords below.
 */
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description?: string };
  servers: { url: string; description?: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, PathItem>;
  components: {
    schemas: Record<string, Schema>;
    securitySchemes: Record<string, SecurityScheme>;
  };
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export type PathItem = Partial<Record<HttpMethod, Operation>>;

/** Alternatives: any one requirement suffices; `{}` means "no security scheme". */
export type SecurityRequirement = Record<string, string[]>;

export interface Operation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  security?: SecurityRequirement[];
  requestBody?: RequestBody;
  /** Keyed by HTTP status, or `default` for every status not listed. */
  responses: Record<string, Response>;
}

export interface RequestBody {
  required?: boolean;
  description?: string;
  content: Record<string, MediaType>;
}

export interface MediaType {
  schema: Schema;
}

export interface Response {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}

export interface Header {
  description?: string;
  /** True when every response with this status carries the header. */
  required?: boolean;
  schema: Schema;
}

export type SchemaType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

export interface Schema {
  $ref?: string;
  title?: string;
  description?: string;
  type?: SchemaType | SchemaType[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: Schema;
  const?: string | boolean;
  enum?: string[];
  oneOf?: Schema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  examples?: unknown[];
}

export type SecurityScheme =
  | { type: 'http'; scheme: 'basic' | 'bearer'; bearerFormat?: string; description?: string }
  | { type: 'oauth2'; description?: string; flows: OAuthFlows };

export interface OAuthFlows {
  authorizationCode?: {
    authorizationUrl: string;
    tokenUrl: string;
    refreshUrl?: string;
    scopes: Record<string, string>;
  };
  clientCredentials?: { tokenUrl: string; scopes: Record<string, string> };
}
