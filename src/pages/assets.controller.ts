import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

/**
 * The pages' one stylesheet and the demo clients' scripts, read once at start (files of their
 * own, so the CSP needs no inline style or script).
 */
@Controller('assets')
export class AssetsController {
  private readonly stylesheet = readFileSync(join(PROJECT_ROOT, 'views', 'assets', 'app.css'), 'utf8');
  private readonly demoScript = readFileSync(join(PROJECT_ROOT, 'views', 'assets', 'demo.js'), 'utf8');
  private readonly demoSpaScript = readFileSync(join(PROJECT_ROOT, 'views', 'assets', 'demo-spa.js'), 'utf8');

  @Get('app.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  css(): string {
    return this.stylesheet;
  }

  /** The access token's countdown on `/demo` (progressive enhancement; that page allows `script-src 'self'`). */
  @Get('demo.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  demoJs(): string {
    return this.demoScript;
  }

  /** The single-page app of `/demo/spa`: the whole public client (that page allows `script-src 'self'`). */
  @Get('demo-spa.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  demoSpaJs(): string {
    return this.demoSpaScript;
  }
}
