export interface StoredSigningKey {
  readonly kid: string;
  readonly alg: string;
  /** SPKI PEM. */
  readonly publicKey: string;
  /** PKCS#8 PEM. */
  readonly privateKey: string;
  readonly createdAt: Date;
  readonly retiresAt: Date | null;
}

/** Storage port for signing keys, shared by every instance. */
export abstract class SigningKeyRepository {
  /** Keys not yet retired at `now`, newest first. */
  abstract findUsable(now: Date): Promise<StoredSigningKey[]>;
  abstract insert(key: StoredSigningKey): Promise<void>;
}
