import { describe, expect, it } from '@jest/globals';
import { testAppConfig } from '../testing/fixtures.js';
import { PasswordHasher } from './password-hasher.js';

/** scrypt$<log2 N>$<r>$<p>$<16-byte salt>$<32-byte key>, both base64url. */
const FORMAT = /^scrypt\$(\d+)\$8\$1\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

const hasherAtCost = (cost: number) => new PasswordHasher(testAppConfig({ passwordHashCost: cost }));

describe('PasswordHasher: salted scrypt hashes that record their own cost (RFC 7914)', () => {
  const hasher = hasherAtCost(10);

  it('writes scrypt$<log2 N>$8$1$<salt>$<key> at the configured cost', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    const [, cost, salt, key] = FORMAT.exec(hash) ?? [];
    expect(cost).toBe('10');
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(hash).not.toContain('correct horse');
  });

  it('salts every hash: the same password never hashes the same twice', async () => {
    const [first, second] = await Promise.all([hasher.hash('same password'), hasher.hash('same password')]);
    expect(first).not.toBe(second);
    expect(first.split('$')[4]).not.toBe(second.split('$')[4]);
  });

  it('verifies the right password', async () => {
    const hash = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify('correct horse battery staple', hash)).resolves.toBe(true);
  });

  it.each([
    ['a wrong password', 'Tr0ub4dor&3'],
    ['a different case', 'Correct horse battery staple'],
    ['a prefix', 'correct horse battery'],
    ['an extra character', 'correct horse battery staple!'],
    ['an empty password', ''],
  ])('refuses %s', async (_, attempt) => {
    const hash = await hasher.hash('correct horse battery staple');
    await expect(hasher.verify(attempt, hash)).resolves.toBe(false);
  });

  it('handles non-ASCII passwords', async () => {
    const hash = await hasher.hash('pässwörd 🔑');
    await expect(hasher.verify('pässwörd 🔑', hash)).resolves.toBe(true);
    await expect(hasher.verify('passwörd 🔑', hash)).resolves.toBe(false);
  });

  it('still verifies a hash made at another cost after PASSWORD_HASH_COST changes', async () => {
    const oldHash = await hasherAtCost(10).hash('long-lived password');
    const raised = hasherAtCost(11);
    await expect(raised.verify('long-lived password', oldHash)).resolves.toBe(true);
    await expect(raised.verify('wrong password', oldHash)).resolves.toBe(false);
    expect(FORMAT.exec(await raised.hash('long-lived password'))?.[1]).toBe('11');
  });

  it('uses the cost written in the hash, not the configured one', async () => {
    const hash = await hasherAtCost(11).hash('password');
    const relabelled = hash.replace(/^scrypt\$11\$/, 'scrypt$10$');
    await expect(hasherAtCost(11).verify('password', relabelled)).resolves.toBe(false);
  });

  it.each([
    ['another scheme', (hash: string) => hash.replace(/^scrypt/, 'bcrypt')],
    [
      'a changed key',
      (hash: string) =>
        hash.replace(/\$(.)([^$]*)$/, (_, c: string, rest: string) => `$${c === 'A' ? 'B' : 'A'}${rest}`),
    ],
    [
      'a changed salt',
      (hash: string) =>
        hash
          .split('$')
          .map((part, i) => (i === 4 ? 'A'.repeat(22) : part))
          .join('$'),
    ],
    ['a truncated key', (hash: string) => hash.slice(0, -4)],
    ['no key', (hash: string) => hash.split('$').slice(0, 5).join('$')],
    ['an empty string', () => ''],
    ['a non-numeric cost', (hash: string) => hash.replace(/^scrypt\$\d+/, 'scrypt$x')],
  ])('refuses a stored hash with %s', async (_, tamper) => {
    const hash = await hasher.hash('password');
    await expect(hasher.verify('password', tamper(hash))).resolves.toBe(false);
  });
});
