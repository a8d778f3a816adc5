import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { concatMap, type Observable } from 'rxjs';
import type { DemoSession } from './demo-session.js';
import { DEMO_SESSION_COOKIE, DemoSessions } from './demo-sessions.service.js';

const opened = new WeakMap<FastifyRequest, DemoSession>();

/**
 * Around every route of the demo client: opens its session from its own cookie, refuses a
 * POST without the session's CSRF token (403), and after the handler saves the session and
 * sets the cookie, so that controllers only read and change the session they are given.
 */
@Injectable()
export class DemoSessionInterceptor implements NestInterceptor {
  constructor(private readonly sessions: DemoSessions) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Body: { _csrf?: unknown } | undefined }>>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const session = await this.sessions.open(request.cookies[DEMO_SESSION_COOKIE]);
    if (request.method === 'POST' && !this.sessions.csrfTokenIsValid(session.state, request.body?._csrf)) {
      throw new ForbiddenException('This form of the demo client has expired: reload the demo page and try again.');
    }
    opened.set(request, session.state);
    return next.handle().pipe(
      concatMap(async (result: unknown) => {
        await this.sessions.save(session);
        reply.setCookie(DEMO_SESSION_COOKIE, session.id, this.sessions.cookieOptions());
        return result;
      }),
    );
  }
}

/** The demo client's session of this request, opened by DemoSessionInterceptor. */
export const CurrentDemoSession = createParamDecorator((_data: unknown, context: ExecutionContext): DemoSession => {
  const session = opened.get(context.switchToHttp().getRequest<FastifyRequest>());
  if (!session) throw new Error('DemoSessionInterceptor did not run for this route');
  return session;
});
