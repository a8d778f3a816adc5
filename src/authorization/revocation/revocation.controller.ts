import { Body, Controller, Headers, HttpCode, Post, UseFilters } from '@nestjs/common';
import { assertFormEncoded } from '../../common/form-encoded.js';
import { NoStore } from '../../common/no-store.decorator.js';
import { ClientAuthenticator } from '../token/client-authenticator.js';
import { TokenErrorFilter } from '../token/token-error.filter.js';
import { RevocationRequestDto } from './revocation-request.dto.js';
import { RevocationService } from './revocation.service.js';

/**
 * RFC 7009 section 2: the token revocation endpoint, for confidential and public clients.
 * Success is 200 with an empty body (section 2.2); errors are RFC 6749 section 5.2 JSON.
 */
@Controller('oauth')
@UseFilters(TokenErrorFilter)
export class RevocationController {
  constructor(
    private readonly clients: ClientAuthenticator,
    private readonly revocation: RevocationService,
  ) {}

  @Post('revoke')
  @HttpCode(200)
  @NoStore()
  async revoke(
    @Headers('content-type') contentType: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Body() request: RevocationRequestDto,
  ): Promise<void> {
    assertFormEncoded(contentType, 'revocation');
    const client = await this.clients.authenticate(authorization, request);
    await this.revocation.revoke(client, request);
  }
}
