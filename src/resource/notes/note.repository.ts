export interface Note {
  readonly id: string;
  readonly ownerId: string;
  readonly text: string;
  readonly createdAt: Date;
}

/** Storage port for notes. */
export abstract class NoteRepository {
  abstract listByOwner(ownerId: string): Promise<Note[]>;
  abstract insert(note: Note): Promise<void>;
  /** The number of notes of all owners together. */
  abstract countAll(): Promise<number>;
}
