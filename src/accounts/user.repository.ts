import type { User } from './user.js';

/** Storage port for resource owners. */
export abstract class UserRepository {
  abstract findById(id: string): Promise<User | null>;
  abstract findByUsername(username: string): Promise<User | null>;
  abstract list(): Promise<User[]>;
  abstract insert(user: User): Promise<void>;
}
