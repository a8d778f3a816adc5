/**
 * Fields whose values never reach a log line, whatever object carries them: credentials of
 * users and clients, codes and tokens (RFC 6749 sections 10.3 to 10.5 keep them
 * confidential), and the headers and cookies that carry them.
 */
export const SECRET_FIELDS = [
  'password',
  'passwordHash',
  'client_secret',
  'clientSecret',
  'code',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token',
  'token',
  '_csrf',
  'authorization',
  'cookie',
  'set-cookie',
] as const;

export const REDACTED = '[REDACTED]';

/** pino `redact` paths: each secret field at the top of a line and one or two objects down. */
export function redactPaths(): string[] {
  return SECRET_FIELDS.flatMap((field) => {
    const key = /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
    return [key.replace(/^\./, ''), `*${key}`, `*.*${key}`];
  });
}

const QUERY_FIELDS = SECRET_FIELDS.filter((field) => !field.includes('-')).join('|');

/** Secrets a message may quote, each with what replaces it. */
const PATTERNS: [RegExp, string][] = [
  // A JWS or JWE in compact form: its header and payload are base64url JSON, so start with eyJ.
  [/\beyJ[\w-]*\.eyJ[\w-]*\.[\w.-]*/g, '[REDACTED JWT]'],
  // An Authorization header's credentials (RFC 7617 Basic, RFC 6750 Bearer, RFC 9449 DPoP).
  [/\b(Basic|Bearer|DPoP)\s+[\w~+/.=-]+/gi, `$1 ${REDACTED}`],
  // `code=...` in a URL or a form body.
  [new RegExp(`(?<![\\w-])(${QUERY_FIELDS}|state)=[^&\\s"']*`, 'gi'), `$1=${REDACTED}`],
  // `"password":"..."` in JSON text.
  [new RegExp(`"(${SECRET_FIELDS.join('|')})"\\s*:\\s*"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `"$1":"${REDACTED}"`],
];

/**
 * A defence in depth for free text (messages, stack traces): code that logs is meant to pass
 * no secret at all, but a message may quote a request, a URL or an error that did.
 */
export function scrubSecrets(text: string): string {
  return PATTERNS.reduce((scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement), text);
}
