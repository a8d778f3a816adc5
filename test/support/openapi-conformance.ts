import type { Response } from 'supertest';
import type { HttpMethod, OpenApiDocument, Schema } from '../../src/docs/openapi.types.js';
import { resolvePointer } from './openapi-structure.js';

/** Keywords that only annotate; every other keyword of a schema must be one schemaProblems checks. */
const ANNOTATIONS = ['title', 'description', 'examples', 'format'];
const CHECKED = ['$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'const', 'enum', 'oneOf'];
const LIMITS = ['minLength', 'maxLength', 'minimum'];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function hasType(type: string, value: unknown): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'null') return value === null;
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return isObject(value);
  return typeof value === type;
}

function limitProblems(schema: Schema, value: unknown, at: string): string[] {
  const length = typeof value === 'string' ? value.length : undefined;
  const problems: string[] = [];
  if (length !== undefined && schema.minLength !== undefined && length < schema.minLength)
    problems.push(`${at}: too short`);
  if (length !== undefined && schema.maxLength !== undefined && length > schema.maxLength)
    problems.push(`${at}: too long`);
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum)
    problems.push(`${at}: too small`);
  return problems;
}

function objectProblems(document: OpenApiDocument, schema: Schema, value: Record<string, unknown>, at: string) {
  const properties = schema.properties ?? {};
  return [
    ...(schema.required ?? []).filter((name) => !(name in value)).map((name) => `${at}.${name}: required, missing`),
    ...Object.entries(value).flatMap(([name, member]) => {
      const property = properties[name];
      if (property) return schemaProblems(document, property, member, `${at}.${name}`);
      return schema.additionalProperties === false ? [`${at}.${name}: not in the schema`] : [];
    }),
  ];
}

/**
 * Where `value` breaks `schema`: the JSON Schema keywords the document uses. A keyword this
 * does not know throws, so that no part of a schema is silently left unchecked.
 */
export function schemaProblems(document: OpenApiDocument, schema: Schema, value: unknown, at = '$'): string[] {
  const unknown = Object.keys(schema).filter((key) => ![...ANNOTATIONS, ...CHECKED, ...LIMITS].includes(key));
  if (unknown.length > 0) throw new Error(`schemaProblems cannot check ${unknown.join(', ')} at ${at}`);
  if (schema.$ref) return schemaProblems(document, resolvePointer(document, schema.$ref) as Schema, value, at);
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((variant) => schemaProblems(document, variant, value, at).length === 0);
    if (matching.length !== 1) return [`${at}: matches ${matching.length} of the oneOf alternatives, not 1`];
  }
  if (schema.const !== undefined && value !== schema.const) return [`${at}: ${JSON.stringify(value)} is not the const`];
  if (schema.enum && !schema.enum.includes(value as string)) return [`${at}: ${JSON.stringify(value)} is not in enum`];
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 0 && !types.some((type) => hasType(type, value)))
    return [`${at}: ${JSON.stringify(value)} is not ${types.join(' | ')}`];
  if (Array.isArray(value) && schema.items)
    return value.flatMap((item, index) => schemaProblems(document, schema.items!, item, `${at}[${index}]`));
  if (isObject(value) && (schema.properties || schema.required)) return objectProblems(document, schema, value, at);
  return limitProblems(schema, value, at);
}

/**
 * Where a real response breaks what the document says of `method path` for its status (or
 * `default`): the status is documented, required headers are present, constant headers have
 * their value, the media type is listed and the body fits its schema, or is empty if none.
 */
export function responseProblems(document: OpenApiDocument, method: HttpMethod, path: string, res: Response): string[] {
  const operation = document.paths[path]?.[method];
  if (!operation) return [`${method.toUpperCase()} ${path} is not documented`];
  const at = `${method.toUpperCase()} ${path} ${res.status}`;
  const response = operation.responses[String(res.status)] ?? operation.responses.default;
  if (!response) return [`${at}: status not documented`];
  const problems: string[] = [];
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    const value = res.headers[name.toLowerCase()] as string | undefined;
    if (value === undefined && header.required) problems.push(`${at}: header ${name} missing`);
    if (value !== undefined && header.schema.const !== undefined && value !== header.schema.const)
      problems.push(`${at}: header ${name} is "${value}", documented "${String(header.schema.const)}"`);
  }
  if (!response.content) return res.text ? [...problems, `${at}: a body, documented none`] : problems;
  const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
  const media = response.content[type];
  if (!media) return [...problems, `${at}: content type ${type} not documented`];
  return [...problems, ...schemaProblems(document, media.schema, JSON.parse(res.text), at)];
}
