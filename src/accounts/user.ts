/** A resource owner as the rest of the server sees it. */
export interface User {
  readonly id: string;
  readonly username: string;
  readonly passwordHash: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly createdAt: Date;
}
