import type { Response } from 'supertest';
import type { TestApp } from '../../support/test-app.js';
import { percentEncode } from './parameters.js';
import { junkValue } from './values.js';
import type { Random } from './random.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'OPTIONS' | 'HEAD';

/** One generated request, exactly as it goes on the wire. */
export interface FuzzRequest {
  method: Method;
  /** Path and query as sent on the request line. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** A path the fallback filter still files under `path`'s channel: itself, with a query, or below it. */
export function pathUnder(rng: Random, path: string): string {
  if (rng.chance(0.9)) return path;
  if (rng.chance(0.2)) return `${path}/${percentEncode(junkValue(rng))}`;
  return path + rng.pick(['/', '/x', '//', '?', '/%zz', '/%C3%28', '/..%2f', '/%00']);
}

/** Sends the request as generated: the body's bytes untouched, no content type added. */
export function send(t: TestApp, req: FuzzRequest): Promise<Response> {
  const method = req.method.toLowerCase() as Lowercase<Method>;
  const test = t.http()[method](req.path);
  for (const [name, value] of Object.entries(req.headers)) test.set(name, value);
  // superagent would serialize a Buffer as JSON or a form after the content type; keep its bytes.
  if (req.body) test.serialize((body: Buffer) => body as unknown as string).send(req.body);
  return test;
}

/** Bytes Node's HTTP parser accepts in one request head (16 KiB); a longer head never reaches the app. */
const HEADER_LIMIT = 16 * 1024;
/** What the client adds to the head (Host, Content-Length, Accept-Encoding, Connection) is not counted exactly. */
const HEAD_MARGIN = 512;

/** The request head against Node's limit: within it, over it (Node answers 431 before any route), or too close to tell. */
export function headSize(req: FuzzRequest): 'within' | 'over' | 'borderline' {
  const headers = Object.entries(req.headers).reduce((sum, [name, value]) => sum + name.length + value.length + 4, 0);
  const bytes = req.method.length + req.path.length + headers;
  if (bytes > HEADER_LIMIT + HEAD_MARGIN) return 'over';
  return bytes > HEADER_LIMIT - HEAD_MARGIN ? 'borderline' : 'within';
}

const clip = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;

/** The request, abbreviated, to print with a failure. */
export function describeRequest(req: FuzzRequest): string {
  const headers = Object.entries(req.headers).map(([name, value]) => `  ${name}: ${JSON.stringify(clip(value, 200))}`);
  const body = req.body ? [`  body: ${JSON.stringify(clip(req.body.toString('latin1')))}`] : [];
  return [`${req.method} ${clip(req.path)}`, ...headers, ...body].join('\n');
}

/** The response, abbreviated, to print with a failure. */
export function describeResponse(res: Response): string {
  const headers = ['content-type', 'location', 'www-authenticate', 'cache-control']
    .filter((name) => res.headers[name] !== undefined)
    .map((name) => `  ${name}: ${String(res.headers[name])}`);
  return [`${res.status}`, ...headers, `  body: ${JSON.stringify(clip(res.text ?? ''))}`].join('\n');
}
