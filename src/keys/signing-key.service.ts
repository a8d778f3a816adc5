import { Injectable, OnModuleInit } from '@nestjs/common';
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { SigningKeyRepository, type StoredSigningKey } from './signing-key.repository.js';

const generateRsaKeyPair = promisify(generateKeyPair);

export const SIGNING_ALGORITHM = 'RS256';

/** A key parsed once into key objects: parsing PEM on every use halves the API's throughput. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** How often an unknown `kid` may trigger a reload, so random kids cannot hammer the database. */
const RELOAD_INTERVAL_MS = 2000;

/**
 * The server's token signing keys: generated on first start, persisted in the database so
 * every instance signs and verifies with the same keys, and held in memory as key objects.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private keys: SigningKey[] = [];
  private lastLoad = 0;

  constructor(private readonly repository: SigningKeyRepository) {}

  async onModuleInit(): Promise<void> {
    await this.load();
    if (this.keys.length === 0) {
      await this.repository.insert(await this.generate());
      await this.load();
    }
  }

  /** The key that signs new tokens: the newest one not retired. */
  current(): SigningKey {
    const key = this.keys[0];
    if (!key) throw new Error('No signing key is loaded');
    return key;
  }

  /** The key that verifies a token with this `kid`, or null if it is not one of ours. */
  async verificationKey(kid: string): Promise<SigningKey | null> {
    const known = this.keys.find((key) => key.kid === kid);
    if (known || Date.now() - this.lastLoad < RELOAD_INTERVAL_MS) return known ?? null;
    await this.load();
    return this.keys.find((key) => key.kid === kid) ?? null;
  }

  private async load(): Promise<void> {
    const stored = await this.repository.findUsable(new Date());
    this.keys = stored.map((key) => ({
      kid: key.kid,
      alg: key.alg,
      privateKey: createPrivateKey(key.privateKey),
      publicKey: createPublicKey(key.publicKey),
    }));
    this.lastLoad = Date.now();
  }

  private async generate(): Promise<StoredSigningKey> {
    const { publicKey, privateKey } = await generateRsaKeyPair('rsa', { modulusLength: 2048 });
    return {
      kid: jwkThumbprint(publicKey),
      alg: SIGNING_ALGORITHM,
      publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      createdAt: new Date(),
      retiresAt: null,
    };
  }
}

/** RFC 7638 JWK thumbprint of an RSA public key: a stable, collision-free `kid`. */
function jwkThumbprint(publicKey: KeyObject): string {
  const { e, kty, n } = publicKey.export({ format: 'jwk' });
  return createHash('sha256').update(JSON.stringify({ e, kty, n })).digest('base64url');
}
