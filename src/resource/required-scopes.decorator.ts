import { Reflector } from '@nestjs/core';

/** The scopes a route needs; the Bearer guard answers 403 insufficient_scope without them. */
export const RequiredScopes = Reflector.createDecorator<string[]>();
