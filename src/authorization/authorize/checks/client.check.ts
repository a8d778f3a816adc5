import type { ClientRegistry } from '../../../client-registry/client-registry.service.js';
import { InvalidRequestError, UnknownClientError } from '../../../common/oauth-errors.js';
import type { AuthorizationCheck } from '../authorization-context.js';

/**
 * RFC 6749 section 4.1.2.1: a missing or unknown client_id is shown to the user on an
 * error page, never redirected: there is no verified redirect_uri to send it to.
 */
export function checkClient(registry: ClientRegistry): AuthorizationCheck {
  return async (context) => {
    const clientId = context.params.client_id;
    if (!clientId) throw new InvalidRequestErrorPage('client_id is required');
    const client = await registry.find(clientId);
    if (!client) throw new UnknownClientError('The client_id is not a registered client');
    context.client = client;
  };
}

/** invalid_request that may not be redirected: nothing about the client is known yet. */
class InvalidRequestErrorPage extends InvalidRequestError {
  override readonly redirectable = false;
}
