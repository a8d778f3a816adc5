import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoginSessionEntity, UserEntity } from '../database/entities/index.js';
import { ThrottlingModule } from '../throttling/throttling.module.js';
import { AccountService } from './account.service.js';
import { LoginSessionRepository } from './login-session.repository.js';
import { LoginSessionService } from './login-session.service.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordHasher } from './password-hasher.js';
import { SignInService } from './sign-in.service.js';
import { TypeOrmLoginSessionRepository } from './typeorm-login-session.repository.js';
import { TypeOrmUserRepository } from './typeorm-user.repository.js';
import { UserRepository } from './user.repository.js';

/** Resource owners: accounts, passwords and login sessions. */
@Module({
  imports: [ThrottlingModule, TypeOrmModule.forFeature([UserEntity, LoginSessionEntity])],
  providers: [
    AccountService,
    LoginSessionService,
    PasswordHasher,
    SignInService,
    LoginThrottle,
    { provide: UserRepository, useClass: TypeOrmUserRepository },
    { provide: LoginSessionRepository, useClass: TypeOrmLoginSessionRepository },
  ],
  exports: [AccountService, LoginSessionService, SignInService],
})
export class AccountsModule {}
