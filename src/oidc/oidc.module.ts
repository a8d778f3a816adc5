import { Module } from '@nestjs/common';
import { KeysModule } from '../keys/keys.module.js';
import { IdTokenSigner } from './id-token.signer.js';

/** OpenID Connect: ID tokens for the token endpoint. (UserInfo is a protected resource: see ResourceModule.) */
@Module({
  imports: [KeysModule],
  providers: [IdTokenSigner],
  exports: [IdTokenSigner],
})
export class OidcModule {}
