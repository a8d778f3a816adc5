import { beforeEach, describe, expect, it } from '@jest/globals';
import { InMemoryUserRepository } from '../testing/in-memory-repositories.js';
import { testAppConfig } from '../testing/fixtures.js';
import { AccountService } from './account.service.js';
import { PasswordHasher } from './password-hasher.js';

/** Counts the slow hash verifications, the work that makes a login take its time. */
class CountingHasher extends PasswordHasher {
  verifications = 0;
  override async verify(password: string, stored: string): Promise<boolean> {
    this.verifications++;
    return super.verify(password, stored);
  }
}

describe('AccountService.authenticate: unknown users and wrong passwords look the same (RFC 9700 section 4.16)', () => {
  let hasher: CountingHasher;
  let accounts: AccountService;

  beforeEach(async () => {
    hasher = new CountingHasher(testAppConfig({ passwordHashCost: 10 }));
    accounts = new AccountService(new InMemoryUserRepository(), hasher);
    await accounts.onModuleInit();
    await accounts.register({ username: 'alice', password: 'correct horse battery' });
    hasher.verifications = 0;
  });

  it('an unknown user costs one full password verification, like a wrong password', async () => {
    await expect(accounts.authenticate('nobody', 'whatever password')).resolves.toBeNull();
    const forUnknown = hasher.verifications;
    await expect(accounts.authenticate('alice', 'wrong password')).resolves.toBeNull();
    expect(forUnknown).toBe(1);
    expect(hasher.verifications - forUnknown).toBe(1);
  });

  it('answers null for both, with nothing to tell them apart', async () => {
    const unknown = await accounts.authenticate('nobody', 'x');
    const wrong = await accounts.authenticate('alice', 'x');
    expect(unknown).toBe(wrong);
  });

  it('returns the user for the right password', async () => {
    await expect(accounts.authenticate('alice', 'correct horse battery')).resolves.toMatchObject({ username: 'alice' });
  });
});
