import { Controller, Get, Header } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../project-root.js';

/** The pages' one stylesheet, read once at start (a separate file, so the CSP needs no inline styles). */
@Controller('assets')
export class AssetsController {
  private readonly stylesheet = readFileSync(join(PROJECT_ROOT, 'views', 'assets', 'app.css'), 'utf8');

  @Get('app.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  css(): string {
    return this.stylesheet;
  }
}
