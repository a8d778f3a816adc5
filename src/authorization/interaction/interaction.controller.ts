import {
  Body,
  Ip,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Redirect,
  Render,
  Session,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Session as BrowserCookie } from '@fastify/secure-session';
import { SignInService } from '../../accounts/sign-in.service.js';
import { CsrfGuard } from '../../browser/csrf.guard.js';
import { AuthorizationErrorFilter } from '../authorization-error.filter.js';
import { AuthorizationFlow, loginIsFresh } from './authorization-flow.service.js';
import { ConsentFormDto, LoginFormDto } from './interaction.dto.js';
import { InteractionService, type InteractionPage } from './interaction.service.js';
import { LoginFailedError } from './login-failed.error.js';
import { LoginFailedFilter } from './login-failed.filter.js';
import { PendingAuthorizationService } from './pending-authorization.service.js';

type RedirectTo = { url: string; statusCode: number };

/** The resource owner's part of the flow: login, then consent (RFC 6749 section 4.1, step B). */
@Controller('oauth')
@UseFilters(AuthorizationErrorFilter)
export class InteractionController {
  constructor(
    private readonly interactions: InteractionService,
    private readonly flow: AuthorizationFlow,
    private readonly pending: PendingAuthorizationService,
    private readonly signIn: SignInService,
  ) {}

  @Get('interaction/:interaction')
  @Render('interaction')
  show(@Param('interaction') interaction: string, @Session() session: BrowserCookie): Promise<InteractionPage> {
    return this.interactions.page(interaction, session);
  }

  /** RFC 9700 section 4.12: 303, so the browser does not re-post the credentials on redirect. */
  @Post('login')
  @UseGuards(CsrfGuard)
  @UseFilters(LoginFailedFilter)
  @Redirect()
  async login(@Body() form: LoginFormDto, @Session() session: BrowserCookie, @Ip() ip: string): Promise<RedirectTo> {
    await this.pending.get(form.interaction);
    const login = await this.signIn.signIn(form.username, form.password, session, ip);
    if (!login) throw new LoginFailedError(form.interaction, form.username);
    return { url: await this.flow.afterLogin(form.interaction, login), statusCode: 303 };
  }

  @Post('consent')
  @UseGuards(CsrfGuard)
  @HttpCode(302)
  @Redirect()
  async consent(@Body() form: ConsentFormDto, @Session() session: BrowserCookie): Promise<RedirectTo> {
    const pending = await this.pending.get(form.interaction);
    const login = await this.signIn.current(session);
    if (!login || !loginIsFresh(login, pending.loginRequiredAfter)) {
      return { url: `/oauth/interaction/${form.interaction}`, statusCode: 303 };
    }
    return { url: await this.flow.decide(pending, login, form.decision), statusCode: 302 };
  }
}
