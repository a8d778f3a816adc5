import { Controller, Get, Inject, Render } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { appConfig } from '../config/app.config.js';
import { DEMO_USER } from '../seed/demo-seed.service.js';

export interface HomePage {
  title: string;
  /** The demo user's credentials, when the seed created it (never in production). */
  demoLogin?: { username: string; password: string };
}

/** `/`: the four roles of RFC 6749 section 1.1, and where to see each of them at work. */
@Controller()
export class HomeController {
  private readonly page: HomePage;

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>) {
    this.page = {
      title: 'Home',
      ...(app.seedDemo ? { demoLogin: { username: DEMO_USER.username, password: DEMO_USER.password } } : {}),
    };
  }

  @Get()
  @Render('home')
  home(): HomePage {
    return this.page;
  }
}
