import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { appConfig } from '../config/app.config.js';

const KEY_LENGTH = 32;

function deriveKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY_LENGTH, { ...options, maxmem: 256 * options.N! * options.r! }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/**
 * Slow, salted password hashes with scrypt (RFC 7914). The hash records its own cost, so
 * raising PASSWORD_HASH_COST later leaves existing hashes verifiable.
 * Format: `scrypt$<log2 N>$<r>$<p>$<salt b64url>$<key b64url>`.
 */
@Injectable()
export class PasswordHasher {
  constructor(@Inject(appConfig.KEY) private readonly config: ConfigType<typeof appConfig>) {}

  async hash(password: string): Promise<string> {
    const cost = this.config.passwordHashCost;
    const salt = randomBytes(16);
    const key = await deriveKey(password, salt, { N: 2 ** cost, r: 8, p: 1 });
    return ['scrypt', cost, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, cost, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !key || ![cost, r, p].every((n) => /^\d{1,2}$/.test(n ?? ''))) return false;
    const expected = Buffer.from(key, 'base64url');
    const actual = await deriveKey(password, Buffer.from(salt, 'base64url'), {
      N: 2 ** Number(cost),
      r: Number(r),
      p: Number(p),
    });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }
}
