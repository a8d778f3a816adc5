/**
 * How the flow inspector shows a secret: enough to tell two values apart and to see its size,
 * never enough to use it. Everything the timeline records passes through here first.
 */

/** Parameters and JSON members whose values are credentials (RFC 6749, RFC 7009, RFC 7636, OIDC Core). */
const SECRET_NAMES = new Set([
  'client_secret',
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  'password',
]);

export interface Field {
  name: string;
  value: string;
}

function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

/**
 * `eyJhbG…(812 chars)`: a prefix of at most 6 characters and at most a quarter of the value,
 * so that even a short secret keeps three quarters hidden.
 */
export function maskSecret(value: string): string {
  if (value === '') return '(empty)';
  const shown = Math.min(6, Math.floor(value.length / 4));
  return `${value.slice(0, shown)}…(${value.length} chars)`;
}

/** Query or form parameters with each credential's value masked. */
export function maskFields(fields: readonly Field[]): Field[] {
  return fields.map(({ name, value }) => ({ name, value: isSecretName(name) ? maskSecret(value) : value }));
}

/** `Basic <credentials>` and `Bearer <token>` keep their scheme; the credentials are masked. */
export function maskAuthorization(value: string): string {
  const space = value.indexOf(' ');
  if (space < 0) return maskSecret(value);
  return `${value.slice(0, space)} ${maskSecret(value.slice(space + 1).trim())}`;
}

/** A JSON value with every secret-named string member masked, at any depth. */
export function maskJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, member]) => [
      name,
      isSecretName(name) && typeof member === 'string' ? maskSecret(member) : maskJson(member),
    ]),
  );
}

/**
 * Defence in depth: replaces every occurrence of a known secret (the client secret, the
 * session's tokens) in text the rules above did not cover, such as an error description
 * that quotes what it was sent.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let scrubbed = text;
  for (const secret of secrets) {
    // Short values would match by accident; every credential here is far longer.
    if (secret && secret.length >= 8) scrubbed = scrubbed.split(secret).join(maskSecret(secret));
  }
  return scrubbed;
}

/** The values of every secret-named string member of a JSON value, at any depth (to scrub them elsewhere). */
export function secretValuesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(secretValuesIn);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([name, member]) =>
    isSecretName(name) && typeof member === 'string' ? [member] : secretValuesIn(member),
  );
}
