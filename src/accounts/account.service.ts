import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from './password-hasher.js';
import type { User } from './user.js';
import { UserRepository } from './user.repository.js';

export interface UserRegistration {
  username: string;
  password: string;
  name?: string;
  email?: string;
}

/** A registration refused; the message says why. */
export class UserRegistrationError extends Error {}

const USERNAME = /^[A-Za-z0-9._@-]{1,100}$/;

/** Resource owners: registration and password authentication. */
@Injectable()
export class AccountService implements OnModuleInit {
  /** Verified when the username is unknown, so that unknown users cost as much time as wrong passwords. */
  private decoyHash = '';

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async onModuleInit(): Promise<void> {
    this.decoyHash = await this.hasher.hash(randomUUID());
  }

  async register(registration: UserRegistration): Promise<User> {
    if (!USERNAME.test(registration.username)) {
      throw new UserRegistrationError('username must be 1-100 characters of letters, digits and . _ @ -');
    }
    if (registration.password.length < 8) throw new UserRegistrationError('password must be at least 8 characters');
    if (await this.users.findByUsername(registration.username)) {
      throw new UserRegistrationError(`username "${registration.username}" is taken`);
    }
    const user: User = {
      id: randomUUID(),
      username: registration.username,
      passwordHash: await this.hasher.hash(registration.password),
      name: registration.name ?? null,
      email: registration.email ?? null,
      emailVerified: false,
      createdAt: new Date(),
    };
    await this.users.insert(user);
    return user;
  }

  /** @returns the user when the password is right; null for an unknown user or a wrong password alike. */
  async authenticate(username: string, password: string): Promise<User | null> {
    const user = await this.users.findByUsername(username);
    const matches = await this.hasher.verify(password, user?.passwordHash ?? this.decoyHash);
    return user && matches ? user : null;
  }

  findById(id: string): Promise<User | null> {
    return this.users.findById(id);
  }

  findByUsername(username: string): Promise<User | null> {
    return this.users.findByUsername(username);
  }

  list(): Promise<User[]> {
    return this.users.list();
  }
}
