/* eslint-disable @typescript-eslint/no-explicit-any -- walks an arbitrary JSON document */

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const PATH_ITEM_FIELDS = [...METHODS, 'summary', 'description', 'servers', 'parameters', '$ref'];
const STATUS = /^(default|[1-5](\d\d|XX))$/;
const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local JSON pointer (`#/components/schemas/Note`), or undefined if it leads nowhere. */
export function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<any>((node, token) => (isObject(node) && Object.hasOwn(node, token) ? node[token] : undefined), document);
}

/** Every `$ref` in the document, with where it is. */
function refs(node: unknown, at: string): { at: string; ref: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((item, index) => refs(item, `${at}/${index}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' ? [{ at, ref: value }] : refs(value, `${at}/${key}`),
  );
}

function operationProblems(document: any, at: string, path: string, operation: any, tags: Set<string>): string[] {
  const problems: string[] = [];
  const schemes = document.components?.securitySchemes ?? {};
  if (!isObject(operation.responses) || Object.keys(operation.responses).length === 0)
    problems.push(`${at}: responses are required`);
  for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
    if (!STATUS.test(status)) problems.push(`${at}: "${status}" is not a status code`);
    if (!isObject(response) || (typeof response.description !== 'string' && !response.$ref))
      problems.push(`${at} ${status}: a response needs a description`);
    for (const [name, header] of Object.entries<any>(response?.headers ?? {}))
      if (!header.schema && !header.content && !header.$ref) problems.push(`${at} ${status} ${name}: no schema`);
    for (const [type, media] of Object.entries<any>(response?.content ?? {}))
      if (!type.includes('/') || !isObject(media)) problems.push(`${at} ${status}: bad media type ${type}`);
  }
  const body = operation.requestBody;
  if (body && !body.$ref && (!isObject(body.content) || Object.keys(body.content).length === 0))
    problems.push(`${at}: requestBody.content is required`);
  for (const tag of operation.tags ?? []) if (!tags.has(tag)) problems.push(`${at}: tag "${tag}" is not declared`);
  for (const requirement of operation.security ?? []) {
    for (const [name, scopes] of Object.entries<any>(requirement)) {
      const scheme = schemes[name];
      if (!scheme) problems.push(`${at}: security scheme "${name}" is not defined`);
      if (scheme?.type !== 'oauth2') continue;
      const known = Object.values<any>(scheme.flows ?? {}).flatMap((flow) => Object.keys(flow.scopes ?? {}));
      for (const scope of scopes)
        if (!known.includes(scope)) problems.push(`${at}: scope "${scope}" is not in ${name}`);
    }
  }
  const declared = (operation.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name);
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g))
    if (!declared.includes(name)) problems.push(`${at}: path parameter {${name}} is not declared`);
  for (const parameter of operation.parameters ?? []) {
    if (parameter.$ref) continue;
    if (typeof parameter.name !== 'string' || !['query', 'header', 'path', 'cookie'].includes(parameter.in))
      problems.push(`${at}: a parameter needs name and in`);
    if (!parameter.schema && !parameter.content) problems.push(`${at}: parameter ${parameter.name} needs a schema`);
  }
  return problems;
}

function securitySchemeProblems(name: string, scheme: any): string[] {
  const at = `securitySchemes.${name}`;
  if (scheme.type === 'http') return typeof scheme.scheme === 'string' ? [] : [`${at}: http needs scheme`];
  if (scheme.type !== 'oauth2') return [`${at}: type ${scheme.type} is not checked here`];
  const urls = ['authorizationUrl', 'tokenUrl', 'refreshUrl'];
  return Object.entries<any>(scheme.flows ?? {}).flatMap(([flow, fields]) => [
    ...(fields.tokenUrl ? [] : [`${at}.${flow}: tokenUrl is required`]),
    ...(flow === 'authorizationCode' && !fields.authorizationUrl
      ? [`${at}.${flow}: authorizationUrl is required`]
      : []),
    ...(isObject(fields.scopes) ? [] : [`${at}.${flow}: scopes are required`]),
    ...urls.filter((url) => fields[url] !== undefined && !URL.canParse(fields[url])).map((url) => `${at}: bad ${url}`),
  ]);
}

/**
 * What makes a document structurally invalid OpenAPI 3.x, as far as this server's document
 * goes: required fields (OAS 3.1 section 4.8), operations and responses, declared tags, path
 * parameters, security schemes and scopes, and every `$ref` resolving. An empty list means valid.
 */
export function openApiProblems(document: any): string[] {
  const problems: string[] = [];
  if (!/^3\.[01]\.\d+$/.test(document.openapi)) problems.push('openapi must be 3.0.x or 3.1.x');
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string')
    problems.push('info.title and info.version are required');
  if (!Array.isArray(document.servers) || !document.servers.every((server: any) => URL.canParse(server.url)))
    problems.push('servers[].url must be URLs');
  const tags = new Set<string>((document.tags ?? []).map((tag: any) => tag.name));
  const operationIds = new Set<string>();
  for (const [path, item] of Object.entries<any>(document.paths ?? {})) {
    if (!path.startsWith('/')) problems.push(`path ${path} must start with /`);
    for (const field of Object.keys(item))
      if (!PATH_ITEM_FIELDS.includes(field)) problems.push(`${path}: unknown field ${field}`);
    for (const method of METHODS.filter((name) => item[name])) {
      const operation = item[method];
      const at = `${method.toUpperCase()} ${path}`;
      if (operation.operationId !== undefined) {
        if (operationIds.has(operation.operationId)) problems.push(`${at}: duplicate operationId`);
        operationIds.add(operation.operationId);
      }
      problems.push(...operationProblems(document, at, path, operation, tags));
    }
  }
  for (const [name, scheme] of Object.entries<any>(document.components?.securitySchemes ?? {}))
    problems.push(...securitySchemeProblems(name, scheme));
  for (const { at, ref } of refs(document, '#'))
    if (typeof ref !== 'string' || resolvePointer(document, ref) === undefined)
      problems.push(`${at}: $ref ${String(ref)} does not resolve`);
  const used = new Set(refs(document, '#').map(({ ref }) => String(ref)));
  for (const name of Object.keys(document.components?.schemas ?? {}))
    if (!used.has(`#/components/schemas/${name}`)) problems.push(`schema ${name} is never used`);
  return problems;
}
