import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NoteEntity } from '../../database/entities/index.js';
import { NoteRepository, type Note } from './note.repository.js';

@Injectable()
export class TypeOrmNoteRepository extends NoteRepository {
  constructor(@InjectRepository(NoteEntity) private readonly notes: Repository<NoteEntity>) {
    super();
  }

  listByOwner(ownerId: string): Promise<Note[]> {
    return this.notes.find({ where: { ownerId }, order: { createdAt: 'ASC' } });
  }

  async insert(note: Note): Promise<void> {
    await this.notes.insert(this.notes.create(note));
  }

  countAll(): Promise<number> {
    return this.notes.count();
  }
}
