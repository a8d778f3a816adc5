import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { NoteEntity } from '../database/entities/index.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { BearerStrategy } from './bearer.strategy.js';
import { NoteRepository } from './notes/note.repository.js';
import { NotesController } from './notes/notes.controller.js';
import { NotesService } from './notes/notes.service.js';
import { TypeOrmNoteRepository } from './notes/typeorm-note.repository.js';
import { ProfileController } from './profile.controller.js';
import { StatsController } from './stats/stats.controller.js';
import { UserinfoController } from './userinfo.controller.js';

/** The resource server: API routes behind the Bearer guard. Tokens are seen only through AccessTokenVerifier. */
@Module({
  imports: [PassportModule, TokensModule, AccountsModule, TypeOrmModule.forFeature([NoteEntity])],
  controllers: [ProfileController, NotesController, StatsController, UserinfoController],
  providers: [BearerStrategy, NotesService, { provide: NoteRepository, useClass: TypeOrmNoteRepository }],
})
export class ResourceModule {}
