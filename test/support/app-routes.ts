import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';

export interface AppRoute {
  /** Lower case, as OpenAPI path items name methods. */
  method: string;
  /** OpenAPI style: `/account/grants/{id}/revoke`. */
  path: string;
  controller: string;
}

const asList = (path: unknown): string[] => (Array.isArray(path) ? path.map(String) : [String(path ?? '')]);

/** `oauth` + `/token` -> `/oauth/token`; `:id` -> `{id}`. */
function joinPath(prefix: string, path: string): string {
  const segments = `${prefix}/${path}`.split('/').filter((segment) => segment !== '');
  return `/${segments.map((segment) => segment.replace(/^:(.+)$/, '{$1}')).join('/')}`;
}

/**
 * Every route the app's controllers declare, read from the same decorator metadata Nest's
 * router registers them from (the app sets no global prefix and no versioning).
 */
export function appRoutes(app: INestApplication): AppRoute[] {
  const routes: AppRoute[] = [];
  const scanner = new MetadataScanner();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      const prefixes = asList(Reflect.getMetadata(PATH_METADATA, controller));
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        if (!Reflect.hasMetadata(PATH_METADATA, handler)) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        for (const prefix of prefixes) {
          for (const path of asList(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({ method, path: joinPath(prefix, path), controller: controller.name });
          }
        }
      }
    }
  }
  return routes;
}
