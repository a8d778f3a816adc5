import { Module } from '@nestjs/common';
import { ApiDocs } from './api-docs.service.js';
import { DocsController } from './docs.controller.js';

/** `GET /docs` and `GET /docs/openapi.json`: the OpenAPI 3.1 description of the machine-facing endpoints. */
@Module({
  controllers: [DocsController],
  providers: [ApiDocs],
})
export class DocsModule {}
