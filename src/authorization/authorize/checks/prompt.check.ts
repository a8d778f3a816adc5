import { InvalidRequestError } from '../../../common/oauth-errors.js';
import { parseScope } from '../../../common/scope.js';
import type { AuthorizationContext, Prompt } from '../authorization-context.js';

/** The prompt values this server honours; the discovery metadata advertises exactly these. */
export const SUPPORTED_PROMPTS: readonly Prompt[] = ['none', 'login', 'consent'];

/**
 * OpenID Connect Core section 3.1.2.1: `prompt` is a space-delimited list of none, login,
 * consent (select_account is not offered: one account per browser). `none` with any other
 * value is an error.
 */
export function checkPrompt(context: AuthorizationContext): void {
  const prompts = parseScope(context.params.prompt);
  const unsupported = prompts.filter((prompt) => !(SUPPORTED_PROMPTS as readonly string[]).includes(prompt));
  if (unsupported.length > 0) throw new InvalidRequestError(`Unsupported prompt value: ${unsupported.join(' ')}`);
  if (prompts.includes('none') && prompts.length > 1) {
    throw new InvalidRequestError('prompt=none cannot be combined with other prompt values');
  }
  context.prompts = prompts as Prompt[];
}
