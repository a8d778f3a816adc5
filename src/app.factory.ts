import fastifySecureSession from '@fastify/secure-session';
import fastifyView from '@fastify/view';
import type { LoggerService } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import handlebars from 'handlebars';
import { hkdfSync } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { AppModule } from './app.module.js';
import { securityHeaders } from './browser/security-headers.js';
import { noStoreByDefault } from './common/cache-control.hook.js';
import { routableUrl } from './common/routable-url.js';
import { FallbackErrorFilter } from './common/fallback-error.filter.js';
import { oauthValidationPipe } from './common/validation.js';
import { appConfig } from './config/app.config.js';
import { securityConfig } from './config/security.config.js';
import { tokensConfig } from './config/tokens.config.js';
import { closeConnectionsOnShutdown } from './graceful-shutdown.js';
import { requestIdFor } from './logging/request-id.js';
import { registerRequestLogging } from './logging/request-logging.js';
import { PROJECT_ROOT } from './project-root.js';

/** Largest request body accepted; OAuth requests are small. */
const BODY_LIMIT = 64 * 1024;

export interface CreateAppOptions {
  /** Where Nest's log lines go: Nest's console logger when absent, none with `false`. */
  logger?: LoggerService | false;
}

/**
 * Builds the Nest application on Fastify with the plugins the browser pages need. main.ts
 * and the e2e tests both use it, so tests run the app exactly as it is served.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  // Only behind a proxy that sets X-Forwarded-For may the client's address come from it:
  // otherwise anyone could pick the IP that login throttling counts.
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT,
    trustProxy: securityConfig().trustProxy,
    // A path with a broken %-escape goes through the app like any other (see routableUrl).
    rewriteUrl: (request: IncomingMessage) => routableUrl(request.url ?? '/'),
    // A route parameter (an interaction or grant id) may be as long as Node lets a request head
    // be (16 KiB): its route judges it and answers in its channel. Fastify's default of 100 would
    // have the router answer a bare 414 before any filter runs.
    routerOptions: { maxParamLength: 16 * 1024 },
    // Every log line of a request names its id: a sane incoming X-Request-Id, or a new UUID.
    genReqId: requestIdFor,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: options.logger,
    abortOnError: false,
  });
  const app_ = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  const tokens = app.get<ConfigType<typeof tokensConfig>>(tokensConfig.KEY);
  const https = app_.issuer.startsWith('https://');

  // Headers on every response, the router's own 400 and 414 included; then Cache-Control.
  app.useSecurityHeaders(securityHeaders(https));
  app.getHttpAdapter().getInstance().addHook('onSend', noStoreByDefault);
  registerRequestLogging(app.getHttpAdapter().getInstance());
  closeConnectionsOnShutdown(app.getHttpAdapter().getInstance());
  await app.register(fastifySecureSession, {
    cookieName: 'oauth_session',
    // secure-session wants a 32-byte key; derive it from SESSION_SECRET so every instance agrees.
    key: Buffer.from(hkdfSync('sha256', app_.sessionSecret, 'nest-oauth-server', 'browser-session', 32)),
    expiry: tokens.loginSessionTtl,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: https },
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
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
