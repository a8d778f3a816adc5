import fastifyHelmet from '@fastify/helmet';
import fastifySecureSession from '@fastify/secure-session';
import fastifyView from '@fastify/view';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import handlebars from 'handlebars';
import { hkdfSync } from 'node:crypto';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { FallbackErrorFilter } from './common/fallback-error.filter.js';
import { oauthValidationPipe } from './common/validation.js';
import { appConfig } from './config/app.config.js';
import { tokensConfig } from './config/tokens.config.js';
import { PROJECT_ROOT } from './project-root.js';

/** Largest request body accepted; OAuth requests are small. */
const BODY_LIMIT = 64 * 1024;

/**
 * Builds the Nest application on Fastify with the plugins the browser pages need. main.ts
 * and the e2e tests both use it, so tests run the app exactly as it is served.
 */
export async function createApp(options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, trustProxy: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: options.logger === false ? false : undefined,
    abortOnError: false,
  });
  const app_ = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const tokens = app.get<ConfigType<typeof tokensConfig>>(tokensConfig.KEY);
  const secureCookies = app_.issuer.startsWith('https://');

  await app.register(fastifyHelmet, { contentSecurityPolicy: { directives: { 'form-action': null } } });
  await app.register(fastifySecureSession, {
    cookieName: 'oauth_session',
    // secure-session wants a 32-byte key; derive it from SESSION_SECRET so every instance agrees.
    key: Buffer.from(hkdfSync('sha256', app_.sessionSecret, 'nest-oauth-server', 'browser-session', 32)),
    expiry: tokens.loginSessionTtl,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies },
  });
  await app.register(fastifyView, {
    engine: { handlebars },
    root: join(PROJECT_ROOT, 'views'),
    layout: 'layout.hbs',
    viewExt: 'hbs',
    defaultContext: { issuer: app_.issuer },
  });
  app.useGlobalFilters(new FallbackErrorFilter());
  app.useGlobalPipes(oauthValidationPipe());
  app.enableShutdownHooks();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
