import { describe, expect, it } from '@jest/globals';
import type { FastifyReply } from 'fastify';
import { allowOwnScripts, withOwnScripts } from './page-scripts.js';

const GLOBAL_POLICY =
  "default-src 'self';base-uri 'self';font-src 'self' https: data:;frame-ancestors 'none';img-src 'self' data:;" +
  "object-src 'none';script-src 'none';script-src-attr 'none';style-src 'self'";

/** A reply holding the global policy on its raw response, as the security hook leaves it. */
function fakeReply(rawPolicy: string | undefined) {
  const headers = new Map<string, string>();
  const reply = {
    getHeader: (name: string) => headers.get(name),
    header: (name: string, value: string) => headers.set(name, value),
    raw: { getHeader: () => rawPolicy },
  };
  return { reply: reply as unknown as FastifyReply, headers };
}

describe('withOwnScripts', () => {
  it("replaces script-src 'none' with 'self' in place, and changes nothing else", () => {
    expect(withOwnScripts(GLOBAL_POLICY)).toBe(GLOBAL_POLICY.replace("script-src 'none'", "script-src 'self'"));
  });

  it('keeps script-src-attr (inline event handlers) refused', () => {
    expect(withOwnScripts(GLOBAL_POLICY)).toContain("script-src-attr 'none'");
  });

  it('adds script-src when the policy has none', () => {
    expect(withOwnScripts("default-src 'self'")).toBe("default-src 'self';script-src 'self'");
  });

  it('drops other sources a script-src had (no inline, no other origin)', () => {
    expect(withOwnScripts("script-src 'unsafe-inline' https://cdn.example")).toBe("script-src 'self'");
  });
});

describe('allowOwnScripts', () => {
  it('sets the relaxed policy on the reply, where it takes precedence over the raw header', () => {
    const { reply, headers } = fakeReply(GLOBAL_POLICY);
    allowOwnScripts(reply);
    expect(headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('adds no policy where there was none', () => {
    const { reply, headers } = fakeReply(undefined);
    allowOwnScripts(reply);
    expect(headers.size).toBe(0);
  });
});
