import { Module } from '@nestjs/common';
import { DemoSpaController } from './demo-spa.controller.js';

/** `GET /demo/spa` and its script: the demo's public client, running in the browser. */
@Module({
  controllers: [DemoSpaController],
})
export class DemoSpaModule {}
