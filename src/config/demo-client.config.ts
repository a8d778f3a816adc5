import { registerAs } from '@nestjs/config';
import { IsOptional, IsUrl } from 'class-validator';
import { ConfigurationError, validateEnvironment } from './validate-environment.js';

class DemoClientEnvironment {
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'], require_protocol: true },
    { message: 'DEMO_CLIENT_BACKCHANNEL_URL must be an http(s) URL such as http://127.0.0.1:3000' },
  )
  DEMO_CLIENT_BACKCHANNEL_URL?: string;
}

/**
 * The demo client (`/demo`). It reaches the server over HTTP at the issuer's URLs, like any
 * client; where this process cannot reach its own public ISSUER (a proxy or a port mapping in
 * between), DEMO_CLIENT_BACKCHANNEL_URL names where it can, for the back channel and the API.
 * The browser and every `iss` check still use the ISSUER.
 */
export const demoClientConfig = registerAs('demoClient', () => {
  const env = validateEnvironment(DemoClientEnvironment);
  const url = env.DEMO_CLIENT_BACKCHANNEL_URL?.replace(/\/+$/, '');
  if (url !== undefined && /[?#]/.test(url)) {
    throw new ConfigurationError(
      'Invalid configuration:\n  - DEMO_CLIENT_BACKCHANNEL_URL must not have a query or fragment',
    );
  }
  return { backChannelUrl: url };
});
