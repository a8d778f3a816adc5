import { Module } from '@nestjs/common';
import { DemoSpaController } from './demo-spa.controller.js';

/** `GET /demo/spa`: the demo's public client, running in the browser (its script is served from /assets). */
@Module({
  controllers: [DemoSpaController],
})
export class DemoSpaModule {}
