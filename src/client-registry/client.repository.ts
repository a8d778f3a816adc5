import type { Client } from './client.js';

/** Storage port for registered clients; the TypeORM adapter sits beside it. */
export abstract class ClientRepository {
  abstract findById(id: string): Promise<Client | null>;
  abstract list(): Promise<Client[]>;
  abstract insert(client: Client): Promise<void>;
  /**
   * Deletes the client and, by cascade, everything issued to it, leaving a record of when
   * (`deleted_clients`) for the instances that cache its tokens.
   * @returns whether a client was deleted.
   */
  abstract delete(id: string): Promise<boolean>;
}
