import handlebars from 'handlebars';
import type {
  HttpMethod,
  MediaType,
  OpenApiDocument,
  Operation,
  Schema,
  SecurityRequirement,
} from './openapi.types.js';
import { schemaVariants, typeLabel, type SchemaField } from './schema-fields.js';

/** HTML for Handlebars to insert as is: the text escaped, its `code spans` marked up. */
export function prose(text = ''): handlebars.SafeString {
  const parts = text.split('`').map((part, index) => {
    const escaped = handlebars.escapeExpression(part);
    return index % 2 === 1 ? `<code>${escaped}</code>` : escaped;
  });
  return new handlebars.SafeString(parts.join(''));
}

type PageField = Omit<SchemaField, 'description'> & { description: handlebars.SafeString };
type PageVariant = { title?: string; description: handlebars.SafeString; fields: PageField[] };

/** The request body or one response of an operation. */
export interface PageBlock {
  heading: string;
  description: handlebars.SafeString;
  headers: { name: string; value: handlebars.SafeString }[];
  contentType?: string;
  /** The body's type; a named error schema links to its table under "Error bodies". */
  type?: string;
  errorSchema?: string;
  variants: PageVariant[];
}

export interface PageOperation {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description: handlebars.SafeString;
  authentication: string[];
  blocks: PageBlock[];
}

/** What views/docs.hbs renders: the OpenAPI document grouped by tag, in words. The JSON stays the contract. */
export interface DocsPage {
  title: string;
  description: handlebars.SafeString;
  server: string;
  securitySchemes: { name: string; description: handlebars.SafeString }[];
  sections: { name: string; description?: string; operations: PageOperation[] }[];
  errorSchemas: { name: string; variants: PageVariant[] }[];
}

export function docsPage(document: OpenApiDocument): DocsPage {
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({
      tags: operation.tags,
      page: pageOperation(document, path, method as HttpMethod, operation),
    })),
  );
  const errorSchemas = [
    ...new Set(operations.flatMap(({ page }) => page.blocks.flatMap((block) => block.errorSchema ?? []))),
  ];
  return {
    title: 'API reference',
    description: prose(document.info.description),
    server: document.servers[0]!.url,
    securitySchemes: Object.entries(document.components.securitySchemes).map(([name, scheme]) => ({
      name,
      description: prose(scheme.description),
    })),
    sections: document.tags.map((tag) => ({
      name: tag.name,
      description: tag.description,
      operations: operations.filter(({ tags }) => tags.includes(tag.name)).map(({ page }) => page),
    })),
    errorSchemas: errorSchemas.map((name) => ({
      name,
      variants: variants(document, { $ref: `#/components/schemas/${name}` }),
    })),
  };
}

function pageOperation(document: OpenApiDocument, path: string, method: HttpMethod, operation: Operation) {
  const request: PageBlock[] = operation.requestBody
    ? [{ heading: 'Request body', description: prose(), headers: [], ...body(document, operation.requestBody.content) }]
    : [];
  const responses = Object.entries(operation.responses).map(([status, response]): PageBlock => {
    const content = body(document, response.content);
    const isError = !status.startsWith('2');
    return {
      heading: status === 'default' ? 'Any other status' : status,
      description: prose(response.description),
      headers: Object.entries(response.headers ?? {}).map(([name, header]) => ({
        name,
        value: header.schema.const !== undefined ? prose(`\`${header.schema.const}\``) : prose(header.description),
      })),
      ...content,
      ...(isError ? { variants: [], errorSchema: content.type } : {}),
    };
  });
  return {
    anchor: operation.operationId,
    method: method.toUpperCase(),
    path,
    summary: operation.summary,
    description: prose(operation.description),
    authentication: authentication(operation.security ?? []),
    blocks: [...request, ...responses],
  } satisfies PageOperation;
}

function body(document: OpenApiDocument, content: Record<string, MediaType> = {}) {
  const [contentType, media] = Object.entries(content)[0] ?? [];
  if (!contentType || !media) return { variants: [] };
  return { contentType, type: typeLabel(media.schema), variants: variants(document, media.schema) };
}

function variants(document: OpenApiDocument, schema: Schema): PageVariant[] {
  return schemaVariants(document, schema).map((variant) => ({
    title: variant.title,
    description: prose(variant.description),
    fields: variant.fields.map((field) => ({ ...field, description: prose(field.description) })),
  }));
}

/** One line per alternative: `userToken with scope notes:read`, or the credentials in the form. */
function authentication(security: SecurityRequirement[]): string[] {
  if (security.length === 0) return ['none'];
  return security.map((requirement) => {
    const [scheme, scopes] = Object.entries(requirement)[0] ?? [];
    if (scheme === undefined) return 'no Authorization header: client_id (and client_secret) in the form';
    return scopes && scopes.length > 0 ? `${scheme} with scope ${scopes.join(' ')}` : scheme;
  });
}
