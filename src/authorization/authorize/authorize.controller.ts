import { Controller, Get, Query, Redirect, UseFilters } from '@nestjs/common';
import { PendingAuthorizationService } from '../interaction/pending-authorization.service.js';
import { AuthorizationErrorFilter } from '../authorization-error.filter.js';
import { AuthorizationRequestDto } from './authorization-request.dto.js';
import { AuthorizePipeline } from './authorize.pipeline.js';

/** RFC 6749 section 3.1: the authorization endpoint. */
@Controller('oauth')
@UseFilters(AuthorizationErrorFilter)
export class AuthorizeController {
  constructor(
    private readonly pipeline: AuthorizePipeline,
    private readonly pending: PendingAuthorizationService,
  ) {}

  /** Validates the request, keeps it on the server and sends the browser to login and consent. */
  @Get('authorize')
  @Redirect()
  async authorize(@Query() params: AuthorizationRequestDto): Promise<{ url: string; statusCode: number }> {
    const request = await this.pipeline.validate(params);
    const interaction = await this.pending.create(request);
    return { url: `/oauth/interaction/${interaction}`, statusCode: 302 };
  }
}
