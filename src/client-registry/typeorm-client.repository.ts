import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ClientEntity, DeletedClientEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import { RecentReads } from '../database/recent-reads.js';
import { tokensConfig } from '../config/tokens.config.js';
import type { Client } from './client.js';
import { ClientRepository } from './client.repository.js';

@Injectable()
export class TypeOrmClientRepository extends ClientRepository {
  /** On every back-channel request (client authentication): plain SQL (LeanStatements). */
  private readonly byId: (parameters: { id: string }) => Promise<ClientEntity | null>;
  /** A client is never changed, only deleted: reads are reused for REVOCATION_SYNC_INTERVAL (recordReuseMs). */
  private readonly recent: RecentReads<Client>;

  constructor(
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    dataSource: DataSource,
    @Inject(tokensConfig.KEY) config: Pick<ConfigType<typeof tokensConfig>, 'recordReuseMs'>,
  ) {
    super();
    this.byId = new LeanStatements(dataSource, ClientEntity).selectOne('id = :id');
    this.recent = new RecentReads(config.recordReuseMs);
  }

  findById(id: string): Promise<Client | null> {
    return this.recent.get(id, () => this.byId({ id }));
  }

  list(): Promise<Client[]> {
    return this.clients.find({ order: { createdAt: 'ASC' } });
  }

  async insert(client: Client): Promise<void> {
    await this.clients.insert(
      this.clients.create({
        ...client,
        redirectUris: [...client.redirectUris],
        scopes: [...client.scopes],
        grantTypes: [...client.grantTypes],
      }),
    );
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.clients.manager.transaction(async (manager) => {
      const result = await manager.delete(ClientEntity, { id });
      if ((result.affected ?? 0) === 0) return false;
      await manager.upsert(DeletedClientEntity, { clientId: id, deletedAt: new Date() }, ['clientId']);
      return true;
    });
    // After the commit: a read in flight until now does not store what it read (RecentReads).
    this.recent.forget(id);
    return deleted;
  }
}
