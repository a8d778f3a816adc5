import { Controller, Get, Header, Render } from '@nestjs/common';
import { ANY_ORIGIN, PUBLIC_DOCUMENT_CACHE_CONTROL } from '../discovery/public-document.js';
import { ApiDocs } from './api-docs.service.js';
import type { DocsPage } from './docs-page.js';
import type { OpenApiDocument } from './openapi.types.js';

/**
 * The API description: a page for people, and the OpenAPI document it links to for tools.
 * The document holds nothing secret, so like the discovery metadata it is public and
 * cacheable, and readable by an API viewer on another origin.
 */
@Controller('docs')
export class DocsController {
  constructor(private readonly docs: ApiDocs) {}

  @Get()
  @Render('docs')
  page(): DocsPage {
    return this.docs.page();
  }

  @Get('openapi.json')
  @Header('cache-control', PUBLIC_DOCUMENT_CACHE_CONTROL)
  @Header('access-control-allow-origin', ANY_ORIGIN)
  openapi(): OpenApiDocument {
    return this.docs.document();
  }
}
