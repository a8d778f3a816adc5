import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { AllowClientTokens } from '../allow-client-tokens.decorator.js';
import { BearerErrorFilter } from '../bearer-error.filter.js';
import { BearerGuard } from '../bearer.guard.js';
import { NotesService } from '../notes/notes.service.js';
import { RequiredScopes } from '../required-scopes.decorator.js';

/** What the API tells about its data as a whole. */
export interface Stats {
  /** The number of notes of all users. */
  notes: number;
}

/**
 * Aggregates with nothing personal in them, so they serve a client acting for itself
 * (client_credentials) as well as one acting for a user.
 */
@Controller('api/stats')
@UseFilters(BearerErrorFilter)
@UseGuards(BearerGuard)
export class StatsController {
  constructor(private readonly notes: NotesService) {}

  @Get()
  @RequiredScopes(['notes:read'])
  @AllowClientTokens()
  async stats(): Promise<Stats> {
    return { notes: await this.notes.countAll() };
  }
}
