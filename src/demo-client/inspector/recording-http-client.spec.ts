import { describe, expect, it } from '@jest/globals';
import { RecordingHttpClient } from './recording-http-client.js';

const SECRET = 'client-secret-0123456789abcdefghijklmnopqrstu';
const ACCESS = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1MSJ9.c2lnbmF0dXJlLW9mLXRoZS1hY2Nlc3MtdG9rZW4';
const REFRESH = 'refresh-0123456789abcdefghijklmnopqrstuvwxyz';

/** A fetch answering `body` as JSON with `status`, and remembering what it was sent. */
function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const sent: { url: string; init: RequestInit }[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    sent.push({ url, init });
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-powered-by': 'noise', ...headers },
    });
  }) as unknown as typeof fetch;
  return { fetchFn, sent };
}

describe('RecordingHttpClient', () => {
  it('sends the real credentials and records only masked ones', async () => {
    const { fetchFn, sent } = fakeFetch(200, { access_token: ACCESS, refresh_token: REFRESH, token_type: 'Bearer' });
    const outcome = await new RecordingHttpClient(fetchFn).send(
      {
        method: 'POST',
        url: 'http://as.test/oauth/token',
        form: { grant_type: 'refresh_token', refresh_token: REFRESH },
        basic: { username: 'demo-client', password: SECRET },
      },
      [SECRET],
    );

    // On the wire: the real values, HTTP Basic form-encoded per RFC 6749 section 2.3.1.
    const headers = sent[0]!.init.headers as Record<string, string>;
    expect(Buffer.from(headers.authorization!.slice('Basic '.length), 'base64').toString()).toBe(
      `demo-client:${SECRET}`,
    );
    expect(sent[0]!.init.body).toBe(`grant_type=refresh_token&refresh_token=${REFRESH}`);
    expect(sent[0]!.init.redirect).toBe('manual');

    // In the record: none of them.
    const recorded = JSON.stringify([outcome.request, outcome.response]);
    for (const secret of [SECRET, ACCESS, REFRESH, headers.authorization!.slice('Basic '.length)]) {
      expect(recorded).not.toContain(secret);
    }
    expect(outcome.request.params).toEqual([
      { name: 'grant_type', value: 'refresh_token' },
      { name: 'refresh_token', value: 'refres…(44 chars)' },
    ]);
    expect(outcome.request.paramsIn).toBe('form body');
    expect(outcome.request.headers).toContainEqual({ name: 'authorization', value: 'Basic ZGVtby…(76 chars)' });
    expect(JSON.parse(outcome.response!.body!)).toMatchObject({ access_token: `eyJhbG…(${ACCESS.length} chars)` });
    expect(outcome.json).toMatchObject({ access_token: ACCESS });
  });

  it('records the response headers that matter and no others', async () => {
    const { fetchFn } = fakeFetch(
      401,
      { error: 'invalid_token' },
      { 'www-authenticate': 'Bearer error="invalid_token"' },
    );
    const outcome = await new RecordingHttpClient(fetchFn).send(
      { method: 'GET', url: 'http://as.test/api/profile', bearer: ACCESS },
      [ACCESS],
    );
    expect(outcome.status).toBe(401);
    expect(outcome.response!.headers.map((header) => header.name)).toEqual(['content-type', 'www-authenticate']);
    expect(outcome.request.headers).toContainEqual({
      name: 'authorization',
      value: `Bearer eyJhbG…(${ACCESS.length} chars)`,
    });
  });

  it('scrubs a known secret wherever the server echoes it', async () => {
    const { fetchFn } = fakeFetch(400, { error: 'invalid_grant', error_description: `unknown token ${REFRESH}` });
    const outcome = await new RecordingHttpClient(fetchFn).send(
      {
        method: 'POST',
        url: 'http://as.test/oauth/token',
        form: { grant_type: 'refresh_token', refresh_token: REFRESH },
      },
      [REFRESH],
    );
    expect(outcome.response!.body).not.toContain(REFRESH);
    expect(outcome.response!.body).toContain('unknown token refres…(44 chars)');
  });

  it('masks the query of a GET, and a JSON request body', async () => {
    const { fetchFn } = fakeFetch(201, { id: 'n1' });
    const outcome = await new RecordingHttpClient(fetchFn).send(
      { method: 'POST', url: `http://as.test/api/notes?code=${REFRESH}`, json: { text: 'hi' }, bearer: ACCESS },
      [],
    );
    expect(outcome.request.url).toBe('http://as.test/api/notes');
    expect(outcome.request.params).toEqual([{ name: 'code', value: 'refres…(44 chars)' }]);
    expect(JSON.parse(outcome.request.body!)).toEqual({ text: 'hi' });
  });

  it('records a network failure as no answer, with its cause', async () => {
    const failing = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const outcome = await new RecordingHttpClient(failing).send({ method: 'GET', url: 'http://as.test/x' }, []);
    expect(outcome.networkError).toBe('ECONNREFUSED');
    expect(outcome.status).toBeUndefined();
    expect(outcome.response).toBeUndefined();
  });
});
