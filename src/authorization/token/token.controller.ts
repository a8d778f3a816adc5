import { Body, Controller, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { InvalidRequestError } from '../../common/oauth-errors.js';
import { NoStore } from '../../common/no-store.decorator.js';
import { ClientAuthenticator } from './client-authenticator.js';
import { TokenEndpoint } from './token-endpoint.service.js';
import type { TokenResponse } from './token-grant.js';
import { TokenErrorFilter } from './token-error.filter.js';
import { TokenRequestDto } from './token-request.dto.js';

/** RFC 6749 section 3.2: the token endpoint. */
@Controller('oauth')
@UseFilters(TokenErrorFilter)
export class TokenController {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly endpoint: TokenEndpoint,
  ) {}

  @Post('token')
  @HttpCode(200)
  @NoStore()
  async token(
    @Headers('content-type') contentType: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Body() request: TokenRequestDto,
  ): Promise<TokenResponse> {
    // Section 4.1.3: parameters are sent in the application/x-www-form-urlencoded format.
    if (!contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new InvalidRequestError('The token request must be application/x-www-form-urlencoded');
    }
    const client = await this.clients.authenticate(authorization, request);
    return this.endpoint.handle(client, request);
  }
}
