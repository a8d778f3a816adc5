import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { InteractionService } from './interaction.service.js';
import { LoginFailedError } from './login-failed.error.js';

/** Shows the login form again with one message, whether the user is unknown or the password wrong. */
@Catch(LoginFailedError)
export class LoginFailedFilter implements ExceptionFilter {
  constructor(private readonly interactions: InteractionService) {}

  async catch(error: LoginFailedError, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const page = await this.interactions.page(error.interaction, request.session, { username: error.username });
    await reply.code(401).view('interaction', page);
  }
}
