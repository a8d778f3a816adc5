import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { startTestApp, type TestApp } from './support/test-app.js';

/** Probes for orchestrators and load balancers: no credentials, no rate limit, never cached. */
describe('GET /health/live and /health/ready', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ CLIENT_REQUESTS_PER_MINUTE: '1', LOGIN_MAX_FAILURES_PER_IP: '1' });
  });
  afterAll(() => t.close());

  it('live answers 200 without looking at the database', async () => {
    const res = await t.http().get('/health/live').expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
  });

  it('ready answers 200 once the database answers a query', async () => {
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } }, error: {} });
  });

  it('needs no credentials and is never rate limited, even with the tightest limits', async () => {
    for (let i = 0; i < 30; i++) {
      await t
        .http()
        .get(i % 2 ? '/health/live' : '/health/ready')
        .expect(200);
    }
  });

  describe('when the database is gone', () => {
    let broken: TestApp;

    beforeAll(async () => {
      broken = await startTestApp();
      // A real failure: the app's own connection is closed, so its next query fails.
      await broken.app.get(DataSource).destroy();
    });
    afterAll(() => broken.close());

    it('ready answers 503 naming the database as down, without the driver message', async () => {
      const res = await broken.http().get('/health/ready').expect(503);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        status: 'error',
        info: {},
        error: { database: { status: 'down' } },
        details: { database: { status: 'down' } },
      });
    });

    it('live still answers 200: a database outage is no reason to restart the process', async () => {
      await broken.http().get('/health/live').expect(200);
    });
  });
});
