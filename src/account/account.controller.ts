import { Body, Ip, Controller, Get, Param, Post, Query, Redirect, Render, Session, UseGuards } from '@nestjs/common';
import type { Session as BrowserCookie } from '@fastify/secure-session';
import { SignInService } from '../accounts/sign-in.service.js';
import { CsrfGuard } from '../browser/csrf.guard.js';
import { GrantService } from '../grants/grant.service.js';
import { AccountLoginFormDto, AccountQueryDto, CsrfFormDto } from './account.dto.js';
import { AccountPageService, type AccountPage } from './account-page.service.js';

type RedirectTo = { url: string; statusCode: number };
const BACK_TO_ACCOUNT: RedirectTo = { url: '/account', statusCode: 303 };

/**
 * The resource owner's own page: the apps they connected, each grant revocable, and logout.
 * Every form carries a CSRF token; every answer after a POST is a 303 back to the page.
 */
@Controller()
export class AccountController {
  constructor(
    private readonly pages: AccountPageService,
    private readonly signIn: SignInService,
    private readonly grants: GrantService,
  ) {}

  @Get('account')
  @Render('account')
  show(@Session() session: BrowserCookie, @Query() query: AccountQueryDto): Promise<AccountPage> {
    return this.pages.page(session, query.failed !== undefined);
  }

  /** RFC 9700 section 4.12: 303 after a form that carried credentials. */
  @Post('account/login')
  @UseGuards(CsrfGuard)
  @Redirect()
  async login(
    @Body() form: AccountLoginFormDto,
    @Session() session: BrowserCookie,
    @Ip() ip: string,
  ): Promise<RedirectTo> {
    const login = await this.signIn.signIn(form.username, form.password, session, ip);
    return login ? BACK_TO_ACCOUNT : { url: '/account?failed', statusCode: 303 };
  }

  /** Ends the grant: its codes, access tokens and refresh tokens stop working at once. */
  @Post('account/grants/:grantId/revoke')
  @UseGuards(CsrfGuard)
  @Redirect()
  async revoke(
    @Param('grantId') grantId: string,
    @Body() _form: CsrfFormDto,
    @Session() session: BrowserCookie,
  ): Promise<RedirectTo> {
    const login = await this.signIn.current(session);
    // Only the grant's own user can revoke it; anything else changes nothing.
    if (login) await this.grants.revoke(login.user.id, grantId);
    return BACK_TO_ACCOUNT;
  }

  @Post('logout')
  @UseGuards(CsrfGuard)
  @Redirect()
  async logout(@Body() _form: CsrfFormDto, @Session() session: BrowserCookie): Promise<RedirectTo> {
    await this.signIn.signOut(session);
    return BACK_TO_ACCOUNT;
  }
}
