import { Controller, Get, Inject, Render } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { AllowOwnScripts } from '../browser/page-scripts.js';
import { formatScope } from '../common/scope.js';
import { appConfig } from '../config/app.config.js';
import { DEMO_SPA_CLIENT_ID, DEMO_SPA_PATH, DEMO_SPA_SCOPES } from './demo-spa-client.js';

/** What views/demo-spa.hbs needs to start the flow: the script reads it from data attributes. */
export interface DemoSpaPage {
  title: string;
  clientId: string;
  redirectUri: string;
  scope: string;
}

/**
 * The public browser client's page; its script (`/assets/demo-spa.js`, served with the other
 * assets) runs the authorization code flow with PKCE in the browser. The page is also its own
 * redirect_uri, so the same route serves the first visit and the authorization response
 * (`?code=…&state=…&iss=…`).
 */
@Controller()
export class DemoSpaController {
  private readonly page: DemoSpaPage;

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>) {
    this.page = {
      title: 'Single-page app',
      clientId: DEMO_SPA_CLIENT_ID,
      redirectUri: `${app.issuer}${DEMO_SPA_PATH}`,
      scope: formatScope(DEMO_SPA_SCOPES),
    };
  }

  @Get(DEMO_SPA_PATH)
  @Render('demo-spa')
  @AllowOwnScripts()
  show(): DemoSpaPage {
    return this.page;
  }
}
