import { expect } from '@jest/globals';
import type { Response } from 'supertest';

/** The Content-Security-Policy header as a map from directive to its sources. */
export function cspDirectives(res: Response): Map<string, string[]> {
  const header = res.headers['content-security-policy'] as string | undefined;
  expect(header).toBeDefined();
  const directives = header!.split(';').map((part) => part.trim().split(/\s+/));
  return new Map(directives.filter(([name]) => name).map(([name, ...sources]) => [name!, sources]));
}
