import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { RequestContext } from '../common/request-context.js';

/** Runs each handler inside its request's context, so services can name the client's IP. */
@Injectable()
export class RequestContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const values = { ip: request.ip, requestId: String(request.id) };
    return new Observable((subscriber) => RequestContext.run(values, () => next.handle().subscribe(subscriber)));
  }
}
