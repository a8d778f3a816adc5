import { Body, Controller, Get, Param, Post, Query, Redirect, Render, UseInterceptors } from '@nestjs/common';
import { AllowOwnScripts } from '../browser/page-scripts.js';
import { ApiResourceParams, CallbackQueryDto, DemoFormDto, NoteFormDto } from './demo-client.dto.js';
import { DemoApiClient } from './oauth/demo-api-client.service.js';
import { DemoOAuthClient } from './oauth/demo-oauth-client.service.js';
import { DemoTokenActions } from './oauth/token-actions.service.js';
import { DemoPages, type DemoPage } from './page/demo-page.js';
import { CurrentDemoSession, DemoSessionInterceptor } from './session/demo-session.interceptor.js';
import { newDemoSession, type DemoSession } from './session/demo-session.js';

type RedirectTo = { url: string; statusCode: number };
/** After every action, 303 back to the page (RFC 9110 section 15.4.4: the next request is a GET). */
const BACK_TO_PAGE: RedirectTo = { url: '/demo', statusCode: 303 };

/**
 * The demo client: a third party that happens to run in this process. It holds its own
 * session (cookie `demo_client_session`) and reaches the server only over HTTP, like any client.
 */
@Controller('demo')
@UseInterceptors(DemoSessionInterceptor)
export class DemoClientController {
  constructor(
    private readonly pages: DemoPages,
    private readonly oauth: DemoOAuthClient,
    private readonly tokens: DemoTokenActions,
    private readonly api: DemoApiClient,
  ) {}

  @Get()
  @Render('demo')
  @AllowOwnScripts()
  page(@CurrentDemoSession() session: DemoSession): DemoPage {
    return this.pages.build(session);
  }

  /** (A): 303 to the authorization endpoint, or back to the page when the client cannot start. */
  @Post('connect')
  @Redirect()
  async connect(@CurrentDemoSession() session: DemoSession, @Body() _form: DemoFormDto): Promise<RedirectTo> {
    const url = await this.oauth.startAuthorization(session);
    return url ? { url, statusCode: 303 } : BACK_TO_PAGE;
  }

  /** The registered redirect_uri: (C), then (D) and (E). The code leaves the address bar at once. */
  @Get('callback')
  @Redirect()
  async callback(@CurrentDemoSession() session: DemoSession, @Query() query: CallbackQueryDto): Promise<RedirectTo> {
    await this.oauth.completeAuthorization(session, query);
    return BACK_TO_PAGE;
  }

  @Post('api/:resource')
  @Redirect()
  async callApi(
    @CurrentDemoSession() session: DemoSession,
    @Param() params: ApiResourceParams,
    @Body() _form: DemoFormDto,
  ): Promise<RedirectTo> {
    await this.api.read(session, params.resource);
    return BACK_TO_PAGE;
  }

  @Post('notes')
  @Redirect()
  async addNote(@CurrentDemoSession() session: DemoSession, @Body() form: NoteFormDto): Promise<RedirectTo> {
    await this.api.addNote(session, form.text);
    return BACK_TO_PAGE;
  }

  @Post('refresh')
  @Redirect()
  async refresh(@CurrentDemoSession() session: DemoSession, @Body() _form: DemoFormDto): Promise<RedirectTo> {
    await this.tokens.refresh(session);
    return BACK_TO_PAGE;
  }

  @Post('refresh/replay')
  @Redirect()
  async replay(@CurrentDemoSession() session: DemoSession, @Body() _form: DemoFormDto): Promise<RedirectTo> {
    await this.tokens.replayPreviousRefreshToken(session);
    return BACK_TO_PAGE;
  }

  @Post('revoke')
  @Redirect()
  async revoke(@CurrentDemoSession() session: DemoSession, @Body() _form: DemoFormDto): Promise<RedirectTo> {
    await this.tokens.revoke(session);
    return BACK_TO_PAGE;
  }

  /** The client forgets everything of this session; the server still knows the grant (see /account). */
  @Post('start-over')
  @Redirect()
  startOver(@CurrentDemoSession() session: DemoSession, @Body() _form: DemoFormDto): RedirectTo {
    for (const key of Object.keys(session)) delete session[key as keyof DemoSession];
    Object.assign(session, newDemoSession());
    return BACK_TO_PAGE;
  }
}
