import { createServer } from 'node:net';
import { startTestApp, type TestApp } from './test-app.js';

/** A test app served on a real loopback socket, for clients that speak HTTP themselves (fetch). */
export interface LoopbackTestApp extends TestApp {
  /** `http://127.0.0.1:<port>`: the configured ISSUER and the address the app listens on. */
  issuer: string;
  port: number;
}

/** A port the kernel just handed out on 127.0.0.1 and that nothing holds any more. */
export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      if (address === null || typeof address === 'string') return reject(new Error('No TCP address'));
      probe.close(() => resolve(address.port));
    });
  });
}

/**
 * Boots the app as startTestApp does, with ISSUER = `http://127.0.0.1:<port>`, and listens on
 * that port: the issuer in metadata, tokens and redirects is then the URL a client really
 * reaches. The port is chosen before boot because the issuer is configuration.
 */
export async function startLoopbackTestApp(env: Record<string, string> = {}): Promise<LoopbackTestApp> {
  const port = await freeLoopbackPort();
  const issuer = `http://127.0.0.1:${port}`;
  const t = await startTestApp({ ISSUER: issuer, ...env });
  try {
    await t.app.listen(port, '127.0.0.1');
  } catch (error) {
    await t.close();
    throw error;
  }
  return { ...t, issuer, port };
}
