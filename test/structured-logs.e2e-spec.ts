import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hiddenField, startAuthorization } from './support/oauth-flow.js';
import { LogCapture, type LogEntry } from './support/log-capture.js';
import { pkcePair } from './support/pkce.js';
import { startTestApp, type RegisteredClient, type TestApp } from './support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The server's log: one JSON object per line, each request's lines tied by its id. */
describe('structured logs', () => {
  let t: TestApp;
  let client: RegisteredClient;
  const logs = new LogCapture();

  /** The access line of the request with this id (the one logged when its response was sent). */
  const accessLine = (requestId: string): LogEntry | undefined =>
    logs.ofRequest(requestId).find(({ context, msg }) => context === 'HTTP' && msg === 'request completed');

  beforeAll(async () => {
    t = await startTestApp({}, { logger: logs.logger });
    client = await t.registerClient();
  });
  afterAll(() => t.close());

  it('writes every line as one JSON object with level, ISO time, context and msg', async () => {
    await t.http().get('/.well-known/oauth-authorization-server').expect(200);
    expect(logs.raw.length).toBeGreaterThan(10);
    for (const line of logs.raw) {
      expect(line).toMatch(/^\{.*\}\n$/);
      expect(JSON.parse(line)).toMatchObject({
        level: expect.stringMatching(/^(fatal|error|warn|info|debug|trace)$/),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        context: expect.any(String),
      });
    }
  });

  it('gives each request an id, echoes it as X-Request-Id and puts it on every line logged while serving it', async () => {
    const user = await t.registerUser();
    const browser = t.browser();
    const page = await browser.get('/account');
    const failed = await browser
      .post('/account/login')
      .type('form')
      .send({ _csrf: hiddenField(page.text, '_csrf'), username: user.username, password: 'not the password' });
    expect(failed.headers.location).toBe('/account?failed');

    const requestId = failed.headers['x-request-id'] as string;
    expect(requestId).toMatch(UUID);
    expect(page.headers['x-request-id']).toMatch(UUID);
    expect(page.headers['x-request-id']).not.toBe(requestId);
    // The audit event, logged by a service deep inside the request, and the access line after it.
    const lines = logs.ofRequest(requestId);
    expect(lines.map(({ context }) => context)).toEqual(['SecurityEvent', 'HTTP']);
    expect(lines[0]!.msg).toContain('"type":"login_failed"');
  });

  it('keeps an incoming X-Request-Id only when it is a short, plain token', async () => {
    const kept = await t.http().get('/health/live').set('X-Request-Id', 'lb-7f3a.9:trace_1');
    expect(kept.headers['x-request-id']).toBe('lb-7f3a.9:trace_1');
    expect(accessLine('lb-7f3a.9:trace_1')).toBeDefined();

    for (const unsafe of ['two words', 'a'.repeat(65), '{"level":"fatal"}', 'semi;colon']) {
      const replaced = await t.http().get('/health/live').set('X-Request-Id', unsafe);
      expect(replaced.headers['x-request-id']).toMatch(UUID);
    }
  });

  it('logs one access line per request: method, path without the query, status and duration', async () => {
    const step = await startAuthorization(t.browser(), {
      response_type: 'code',
      client_id: client.clientId,
      redirect_uri: client.redirectUri,
      scope: 'profile',
      state: 'state-kept-out-of-logs',
      code_challenge: pkcePair().challenge,
      code_challenge_method: 'S256',
    });
    const authorize = logs
      .entries()
      .find(({ context, path }) => context === 'HTTP' && path === '/oauth/authorize') as LogEntry;
    expect(authorize).toMatchObject({ level: 'info', method: 'GET', status: 302, durationMs: expect.any(Number) });
    // A route with an id in its path is named by its pattern: the id of a pending authorization is a credential.
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ context: 'HTTP', path: '/oauth/interaction/:interaction', status: 200 }),
    );
    const all = logs.raw.join('');
    for (const value of ['?', 'state-kept-out-of-logs', step.interaction, client.clientId]) {
      expect(all).not.toContain(value);
    }
  });

  it('names a path that matched no route as sent, with any JWT in it scrubbed', async () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJl';
    const res = await t.http().get(`/no/such/${jwt}?code=abc`).expect(404);
    expect(accessLine(res.headers['x-request-id'] as string)).toMatchObject({
      method: 'GET',
      path: '/no/such/[REDACTED JWT]',
      status: 404,
    });
    expect(logs.raw.join('')).not.toContain(jwt);
  });

  it('logs health probes at debug level, below the default LOG_LEVEL', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(accessLine(res.headers['x-request-id'] as string)).toMatchObject({ level: 'debug', path: '/health/ready' });
  });
});
