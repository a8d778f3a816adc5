import { Controller, Get, Query, Redirect, Session, UseFilters } from '@nestjs/common';
import type { Session as BrowserCookie } from '@fastify/secure-session';
import { AuthorizationErrorFilter } from '../authorization-error.filter.js';
import { AuthorizationFlow } from '../interaction/authorization-flow.service.js';
import { AuthorizationRequestDto } from './authorization-request.dto.js';
import { AuthorizePipeline } from './authorize.pipeline.js';

/** RFC 6749 section 3.1: the authorization endpoint. */
@Controller('oauth')
@UseFilters(AuthorizationErrorFilter)
export class AuthorizeController {
  constructor(
    private readonly pipeline: AuthorizePipeline,
    private readonly flow: AuthorizationFlow,
  ) {}

  /**
   * Validates the request, then answers at once when the user is logged in and granted every
   * scope before, or sends the browser to login and consent.
   */
  @Get('authorize')
  @Redirect()
  async authorize(
    @Query() params: AuthorizationRequestDto,
    @Session() session: BrowserCookie | undefined,
  ): Promise<{ url: string; statusCode: number }> {
    const request = await this.pipeline.validate(params);
    return { url: await this.flow.begin(request, session), statusCode: 302 };
  }
}
