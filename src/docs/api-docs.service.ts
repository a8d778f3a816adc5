import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appConfig } from '../config/app.config.js';
import { PROJECT_ROOT } from '../project-root.js';
import { docsPage, type DocsPage } from './docs-page.js';
import { buildOpenApiDocument } from './openapi-document.js';
import type { OpenApiDocument } from './openapi.types.js';

/** The API description, built once at start for the configured issuer, and its page. */
@Injectable()
export class ApiDocs {
  private readonly openapi: OpenApiDocument;
  private readonly view: DocsPage;

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>) {
    const { version } = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string };
    this.openapi = buildOpenApiDocument(app.issuer, version);
    this.view = docsPage(this.openapi);
  }

  document(): OpenApiDocument {
    return this.openapi;
  }

  page(): DocsPage {
    return this.view;
  }
}
