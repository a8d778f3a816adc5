import { AuthorizationCodeEntity } from './authorization-code.entity.js';
import { ClientEntity } from './client.entity.js';
import { GrantEntity } from './grant.entity.js';
import { LoginSessionEntity } from './login-session.entity.js';
import { NoteEntity } from './note.entity.js';
import { PendingAuthorizationEntity } from './pending-authorization.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { RevokedAccessTokenEntity } from './revoked-access-token.entity.js';
import { SigningKeyEntity } from './signing-key.entity.js';
import { TokenFamilyEntity } from './token-family.entity.js';
import { UserEntity } from './user.entity.js';

export {
  AuthorizationCodeEntity,
  ClientEntity,
  GrantEntity,
  LoginSessionEntity,
  NoteEntity,
  PendingAuthorizationEntity,
  RefreshTokenEntity,
  RevokedAccessTokenEntity,
  SigningKeyEntity,
  TokenFamilyEntity,
  UserEntity,
};

export const entities = [
  AuthorizationCodeEntity,
  ClientEntity,
  GrantEntity,
  LoginSessionEntity,
  NoteEntity,
  PendingAuthorizationEntity,
  RefreshTokenEntity,
  RevokedAccessTokenEntity,
  SigningKeyEntity,
  TokenFamilyEntity,
  UserEntity,
];
