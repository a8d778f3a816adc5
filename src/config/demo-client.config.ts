import { registerAs } from '@nestjs/config';
import { IsOptional } from 'class-validator';
import { baseUrl, IsHttpUrl, validateEnvironment } from './validate-environment.js';

class DemoClientEnvironment {
  @IsOptional()
  @IsHttpUrl('http://127.0.0.1:3000')
  DEMO_CLIENT_BACKCHANNEL_URL?: string;
}

/**
 * The demo client (`/demo`). It reaches the server over HTTP at the issuer's URLs, like any
 * client; where this process cannot reach its own public ISSUER (a proxy or a port mapping in
 * between), DEMO_CLIENT_BACKCHANNEL_URL names where it can, for the back channel and the API.
 * The browser and every `iss` check still use the ISSUER.
 */
export const demoClientConfig = registerAs('demoClient', () => {
  const raw = validateEnvironment(DemoClientEnvironment).DEMO_CLIENT_BACKCHANNEL_URL;
  return { backChannelUrl: raw === undefined ? undefined : baseUrl('DEMO_CLIENT_BACKCHANNEL_URL', raw) };
});
