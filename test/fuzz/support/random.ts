/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, so
 * every generated request can be reproduced from the seed printed with a failure.
 */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Each item kept with the given probability, order preserved. */
  subset<T>(items: readonly T[], probability = 0.5): T[] {
    return items.filter(() => this.chance(probability));
  }

  /** `length` characters drawn from `alphabet`. */
  string(length: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~'): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

/** FUZZ_SEED when set (to replay a failure or explore), else the endpoint's fixed seed. */
export function fuzzSeed(defaultSeed: number): number {
  const fromEnv = process.env.FUZZ_SEED;
  if (!fromEnv) return defaultSeed;
  if (!/^\d+$/.test(fromEnv)) throw new Error(`FUZZ_SEED must be a whole number, not ${fromEnv}`);
  return Number(fromEnv);
}
