import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DemoClientController } from './demo-client.controller.js';
import { DemoClientSettings } from './demo-client-settings.js';
import { RecordingHttpClient } from './inspector/recording-http-client.js';
import { DemoApiClient } from './oauth/demo-api-client.service.js';
import { DemoOAuthClient } from './oauth/demo-oauth-client.service.js';
import { ServerMetadata } from './oauth/server-metadata.js';
import { DemoTokenActions } from './oauth/token-actions.service.js';
import { TokenResponses } from './oauth/token-responses.js';
import { DemoPages } from './page/demo-page.js';
import { DemoClientSessionEntity } from './session/demo-client-session.entity.js';
import { DemoSessionInterceptor } from './session/demo-session.interceptor.js';
import { DemoSessionStore } from './session/demo-session.store.js';
import { DemoSessions } from './session/demo-sessions.service.js';
import { TypeOrmDemoSessionStore } from './session/typeorm-demo-session.store.js';

/**
 * The demo client at `/demo`: a confidential client registered like any other, that talks to
 * the authorization server and the API only over HTTP at the issuer's URLs. It imports no
 * module of the server (test: src/demo-client/third-party.spec.ts); configuration and its own
 * table are all it shares with it.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DemoClientSessionEntity])],
  controllers: [DemoClientController],
  providers: [
    DemoClientSettings,
    { provide: RecordingHttpClient, useFactory: () => new RecordingHttpClient() },
    ServerMetadata,
    TokenResponses,
    DemoOAuthClient,
    DemoTokenActions,
    DemoApiClient,
    DemoPages,
    DemoSessions,
    DemoSessionInterceptor,
    { provide: DemoSessionStore, useClass: TypeOrmDemoSessionStore },
  ],
})
export class DemoClientModule {}
