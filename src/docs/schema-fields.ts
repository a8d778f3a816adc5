import type { OpenApiDocument, Schema } from './openapi.types.js';

/** One row of a body table on the docs page: `notes[].id`, its type, whether it is always there. */
export interface SchemaField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

/** A body, or one alternative of a `oneOf` body (a grant type, an active or inactive token). */
export interface SchemaVariant {
  title?: string;
  description?: string;
  fields: SchemaField[];
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** Follows a local `#/components/schemas/...` reference. */
export function resolveSchema(document: OpenApiDocument, schema: Schema): Schema {
  return schema.$ref ? resolveSchema(document, document.components.schemas[refName(schema.$ref)] ?? {}) : schema;
}

/** A short human type: `string | null`, `"Bearer"`, `Note[]`, `string (at most 256 characters)`. */
export function typeLabel(schema: Schema): string {
  if (schema.$ref) return refName(schema.$ref);
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(' | ');
  if (schema.oneOf) return schema.oneOf.map((variant) => variant.title ?? typeLabel(variant)).join(' | ');
  if (schema.items) return `${typeLabel(schema.items)}[]`;
  const type = [schema.type ?? 'any'].flat().join(' | ');
  const limits = [
    schema.format,
    schema.minLength !== undefined ? `at least ${schema.minLength} characters` : undefined,
    schema.maxLength !== undefined ? `at most ${schema.maxLength} characters` : undefined,
    schema.minimum !== undefined ? `at least ${schema.minimum}` : undefined,
  ].filter((limit) => limit !== undefined);
  return limits.length > 0 ? `${type} (${limits.join(', ')})` : type;
}

/** The alternatives of a body: one per `oneOf` member, else the body itself. */
export function schemaVariants(document: OpenApiDocument, schema: Schema): SchemaVariant[] {
  const resolved = resolveSchema(document, schema);
  const variants = resolved.oneOf ?? [schema];
  return variants.map((variant) => {
    const body = resolveSchema(document, variant);
    const title = resolved.oneOf ? (body.title ?? typeLabel(variant)) : undefined;
    return { title, description: body.description, fields: schemaFields(document, body) };
  });
}

/** An object's properties, with those of nested objects and arrays of objects one level down. */
function schemaFields(document: OpenApiDocument, schema: Schema, prefix = '', depth = 0): SchemaField[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
    const field: SchemaField = {
      name: `${prefix}${name}`,
      type: typeLabel(property),
      required: schema.required?.includes(name) ?? false,
      description: property.description,
    };
    const nested = property.items ?? property;
    const inner = resolveSchema(document, nested);
    if (depth > 0 || !inner.properties) return [field];
    const innerPrefix = `${prefix}${name}${property.items ? '[]' : ''}.`;
    return [field, ...schemaFields(document, inner, innerPrefix, depth + 1)];
  });
}
