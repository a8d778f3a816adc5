/**
 * A request path the router cannot decode (a broken escape such as `%zz`, or `%C3%28`, which
 * is not UTF-8) routed with its `%` signs taken literally. Left as it is, Fastify's router
 * answers it with a bare 400 before any hook or filter runs; rewritten, it reaches no route
 * (or one that refuses the value) and is answered in its channel's format, with every header.
 */
export function routableUrl(url: string): string {
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    return path.replaceAll('%', '%25') + url.slice(path.length);
  }
}
