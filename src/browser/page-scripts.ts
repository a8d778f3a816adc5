import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Observable } from 'rxjs';

const CSP = 'content-security-policy';

/**
 * The policy with `script-src 'self'` in place of whatever `script-src` it had: scripts served
 * by this origin may run; inline scripts, `script-src-attr` handlers and other origins stay refused.
 */
export function withOwnScripts(policy: string): string {
  const directives = policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== '');
  const own = "script-src 'self'";
  const at = directives.findIndex((directive) => /^script-src(\s|$)/i.test(directive));
  if (at < 0) return [...directives, own].join(';');
  return directives.map((directive, index) => (index === at ? own : directive)).join(';');
}

/**
 * Relaxes this one response's CSP (src/browser/security-headers.ts: `script-src 'none'` for
 * every response) so that a page may load its own script from `/assets`, as progressive
 * enhancement. The global policy is set on the raw response before routing; a header set on
 * the reply takes precedence when Fastify writes the head, so only this response changes.
 */
export function allowOwnScripts(reply: FastifyReply): void {
  const policy = reply.getHeader(CSP) ?? reply.raw.getHeader(CSP);
  if (typeof policy === 'string') reply.header(CSP, withOwnScripts(policy));
}

@Injectable()
export class AllowOwnScriptsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    allowOwnScripts(context.switchToHttp().getResponse<FastifyReply>());
    return next.handle();
  }
}

/** On a route: its pages may run this server's own script files (see allowOwnScripts). */
export const AllowOwnScripts = () => UseInterceptors(AllowOwnScriptsInterceptor);
