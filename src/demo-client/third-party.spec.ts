import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(HERE, '..');

/**
 * What the demo client's code (its specs aside) may import from the rest of the server:
 * configuration, the page helper for its script, and the database's column helper for its
 * own table. Nothing of the authorization server, the API or their services: it reaches
 * those over HTTP only.
 */
const ALLOWED = new Set([
  'config/app.config.ts',
  'config/demo-client.config.ts',
  'browser/page-scripts.ts',
  'database/columns.ts',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the demo client is a third party', () => {
  it('imports nothing of the server but configuration and infrastructure', () => {
    const outside = sourceFiles(HERE).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)]
        .map((match) => relative(SRC, resolve(dirname(file), match[1]!.replace(/\.js$/, '.ts'))))
        .filter((target) => !target.startsWith('demo-client/') && !ALLOWED.has(target))
        .map((target) => `${relative(SRC, file)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });
});
