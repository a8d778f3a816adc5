import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { InvalidInteractionError } from '../common/oauth-errors.js';
import { BrowserSession } from './browser-session.js';

/** Refuses a form POST whose `_csrf` field does not match this browser's session (403). */
@Injectable()
export class CsrfGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Body: { _csrf?: unknown } }>>();
    if (!BrowserSession.csrfTokenIsValid(request.session, request.body?._csrf)) {
      throw new InvalidInteractionError('This form has expired. Go back and try again.', 403);
    }
    return true;
  }
}
