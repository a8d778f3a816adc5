export interface StoredSigningKey {
  readonly kid: string;
  readonly alg: string;
  /** SPKI PEM. */
  readonly publicKey: string;
  /** PKCS#8 PEM. */
  readonly privateKey: string;
  readonly createdAt: Date;
  /** When the key stops verifying; null while it is (or may become) the signing key. */
  readonly retiresAt: Date | null;
}

/** Storage port for signing keys, shared by every instance. */
export abstract class SigningKeyRepository {
  /** Keys not yet retired at `now`, newest first. */
  abstract findUsable(now: Date): Promise<StoredSigningKey[]>;
  /** Every stored key, retired ones included, newest first. */
  abstract findAll(): Promise<StoredSigningKey[]>;
  abstract insert(key: StoredSigningKey): Promise<void>;
  /**
   * Schedules the retirement of every key created before `createdBefore` that has no
   * retirement yet, in one conditional update: a key already retiring keeps its date.
   */
  abstract retireOlderThan(createdBefore: Date, retiresAt: Date): Promise<void>;
}
