/**
 * What the logs may keep of an unexpected error: its class, a code such as `SQLITE_BUSY`, and
 * its stack frames, never its message. A message can quote the request (Node's JSON.parse
 * quotes the text it failed on, drivers quote values), and a request may hold a password,
 * a client secret, a code or a token.
 */
export function loggableError(exception: unknown): string {
  if (!(exception instanceof Error)) return `Unexpected ${typeof exception} thrown`;
  const code = (exception as { code?: unknown }).code;
  const label =
    typeof code === 'string' && /^[A-Z0-9_]{1,64}$/.test(code) ? `${exception.name} ${code}` : exception.name;
  return `${label} (message withheld)${stackFrames(exception)}`;
}

/** The stack after its `Name: message` header; nothing when the header cannot be found for sure. */
function stackFrames({ stack, message }: Error): string {
  if (!stack) return '';
  const header = message ? `: ${message}` : '';
  const at = stack.indexOf(header);
  return at < 0 ? '' : stack.slice(at + header.length);
}
