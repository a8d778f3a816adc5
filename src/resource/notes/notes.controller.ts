import { Body, Controller, Get, Post, UseFilters, UseGuards } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import type { VerifiedAccessToken } from '../../tokens/access-token.js';
import { AccessToken } from '../access-token.decorator.js';
import { BearerErrorFilter } from '../bearer-error.filter.js';
import { BearerGuard } from '../bearer.guard.js';
import { RequiredScopes } from '../required-scopes.decorator.js';
import type { Note } from './note.repository.js';
import { NotesService } from './notes.service.js';

export class NewNoteDto {
  @IsString({ message: 'text must be a string' })
  @Length(1, 2000, { message: 'text must be 1 to 2000 characters' })
  text!: string;
}

interface NoteView {
  id: string;
  text: string;
  created_at: string;
}

const view = (note: Note): NoteView => ({ id: note.id, text: note.text, created_at: note.createdAt.toISOString() });

/** The token owner's notes: read with `notes:read`, write with `notes:write`. */
@Controller('api/notes')
@UseFilters(BearerErrorFilter)
@UseGuards(BearerGuard)
export class NotesController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @RequiredScopes(['notes:read'])
  async list(@AccessToken() token: VerifiedAccessToken): Promise<{ notes: NoteView[] }> {
    return { notes: (await this.notes.list(token.subject)).map(view) };
  }

  @Post()
  @RequiredScopes(['notes:write'])
  async add(@AccessToken() token: VerifiedAccessToken, @Body() body: NewNoteDto): Promise<NoteView> {
    return view(await this.notes.add(token.subject, body.text));
  }
}
