import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NoteRepository, type Note } from './note.repository.js';

/** Each user's own notes; one user never reads another's. Only their total is shared. */
@Injectable()
export class NotesService {
  constructor(private readonly notes: NoteRepository) {}

  list(ownerId: string): Promise<Note[]> {
    return this.notes.listByOwner(ownerId);
  }

  async add(ownerId: string, text: string): Promise<Note> {
    const note: Note = { id: randomUUID(), ownerId, text, createdAt: new Date() };
    await this.notes.insert(note);
    return note;
  }

  /** An aggregate over every user's notes: a count, with nothing of any note in it. */
  countAll(): Promise<number> {
    return this.notes.countAll();
  }
}
