/** Wrong password or unknown user: the login page is shown again with one generic message. */
export class LoginFailedError extends Error {
  constructor(
    readonly interaction: string,
    readonly username: string,
  ) {
    super('Login failed');
  }
}
