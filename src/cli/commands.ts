import type { INestApplicationContext } from '@nestjs/common';
import { AccountService } from '../accounts/account.service.js';
import { ClientRegistry } from '../client-registry/client-registry.service.js';
import { parseScope } from '../common/scope.js';
import { KeyRotationService, type SigningKeySummary } from '../keys/key-rotation.service.js';
import { RetentionService } from '../retention/retention.service.js';

/** A command-line mistake; printed as it is, with exit code 1. */
export class UsageError extends Error {}

export type Options = Record<string, string | string[] | boolean | undefined>;

export interface Command {
  usage: string;
  /** Option names this command takes, and whether each may repeat / is a flag. */
  options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>;
  run(app: INestApplicationContext, options: Options, positionals: string[]): Promise<unknown>;
}

function required(options: Options, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

const list = (value: Options[string]): string[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];

export const COMMANDS: Record<string, Command> = {
  'client:create': {
    usage:
      'client:create --name NAME --redirect-uri URI [--redirect-uri URI2] --scope "openid profile" [--public] [--grant TYPE]',
    options: {
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      scope: { type: 'string' },
      public: { type: 'boolean' },
      grant: { type: 'string', multiple: true },
    },
    async run(app, options) {
      const grants = list(options.grant);
      const { client, clientSecret } = await app.get(ClientRegistry).register({
        name: required(options, 'name'),
        type: options.public ? 'public' : 'confidential',
        redirectUris: list(options['redirect-uri']),
        scopes: parseScope(required(options, 'scope')),
        grantTypes: grants.length > 0 ? grants : undefined,
      });
      return {
        client_id: client.id,
        ...(clientSecret ? { client_secret: clientSecret } : {}),
        client_name: client.name,
        client_type: client.type,
        redirect_uris: client.redirectUris,
        scope: client.scopes.join(' '),
        grant_types: client.grantTypes,
      };
    },
  },
  'client:list': {
    usage: 'client:list',
    options: {},
    async run(app) {
      const clients = await app.get(ClientRegistry).list();
      return clients.map((c) => ({
        client_id: c.id,
        client_name: c.name,
        client_type: c.type,
        redirect_uris: c.redirectUris,
        scope: c.scopes.join(' '),
        grant_types: c.grantTypes,
      }));
    },
  },
  'client:delete': {
    usage: 'client:delete CLIENT_ID',
    options: {},
    async run(app, _options, [clientId]) {
      if (!clientId) throw new UsageError('client:delete needs the client_id');
      if (!(await app.get(ClientRegistry).delete(clientId))) throw new UsageError(`No client with id "${clientId}"`);
      return { deleted: clientId };
    },
  },
  'user:create': {
    usage: 'user:create --username U --password P [--name N] [--email E]',
    options: {
      username: { type: 'string' },
      password: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
    },
    async run(app, options) {
      const user = await app.get(AccountService).register({
        username: required(options, 'username'),
        password: required(options, 'password'),
        name: options.name as string | undefined,
        email: options.email as string | undefined,
      });
      return { id: user.id, username: user.username, name: user.name, email: user.email };
    },
  },
  'user:list': {
    usage: 'user:list',
    options: {},
    async run(app) {
      const users = await app.get(AccountService).list();
      return users.map((u) => ({ id: u.id, username: u.username, name: u.name, email: u.email }));
    },
  },
  'keys:rotate': {
    usage: 'keys:rotate',
    options: {},
    async run(app) {
      const { current, idTokenKey, previousKeysRetireAt } = await app.get(KeyRotationService).rotate();
      return {
        ...keySummary(current),
        previous_keys_retire_at: previousKeysRetireAt.toISOString(),
        // ACCESS_TOKEN_ALG=ES256: ID tokens stay RS256, under a key of their own.
        ...(idTokenKey ? { id_token_key: keySummary(idTokenKey) } : {}),
      };
    },
  },
  'keys:list': {
    usage: 'keys:list',
    options: {},
    async run(app) {
      return (await app.get(KeyRotationService).list()).map(keySummary);
    },
  },
  'db:purge': {
    usage: 'db:purge',
    options: {},
    /** Deletes what has served its purpose (see RetentionService); prints the rows deleted per table. */
    async run(app) {
      return app.get(RetentionService).purge(new Date());
    },
  },
};

/** A signing key as the CLI prints it: public facts only, never key material. */
function keySummary(key: SigningKeySummary) {
  return {
    kid: key.kid,
    alg: key.alg,
    created_at: key.createdAt.toISOString(),
    retires_at: key.retiresAt?.toISOString() ?? null,
    current: key.current,
  };
}
