import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { VerifiedAccessToken } from '../tokens/access-token.js';

/** The verified access token the Bearer guard attached to the request. */
export const AccessToken = createParamDecorator(
  (_: unknown, context: ExecutionContext): VerifiedAccessToken =>
    context.switchToHttp().getRequest<{ user: VerifiedAccessToken }>().user,
);
