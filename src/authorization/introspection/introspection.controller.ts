import { Body, Controller, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { assertFormEncoded } from '../../common/form-encoded.js';
import { NoStore } from '../../common/no-store.decorator.js';
import { ClientAuthenticator } from '../token/client-authenticator.js';
import { TokenErrorFilter } from '../token/token-error.filter.js';
import type { TokenIntrospection } from './introspection-response.js';
import { IntrospectionRequestDto } from './introspection-request.dto.js';
import { IntrospectionService } from './introspection.service.js';

/**
 * RFC 7662 section 2: the token introspection endpoint. Errors are RFC 6749 section 5.2 JSON
 * like the token endpoint's; answers describe tokens, so they are never cached.
 */
@Controller('oauth')
@UseFilters(TokenErrorFilter)
export class IntrospectionController {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly introspection: IntrospectionService,
  ) {}

  @Post('introspect')
  @HttpCode(200)
  @NoStore()
  async introspect(
    @Headers('content-type') contentType: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Body() request: IntrospectionRequestDto,
  ): Promise<TokenIntrospection> {
    assertFormEncoded(contentType, 'introspection');
    const client = await this.clients.authenticate(authorization, request);
    return this.introspection.introspect(client, request);
  }
}
