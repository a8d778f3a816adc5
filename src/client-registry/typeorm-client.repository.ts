import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { ClientEntity, DeletedClientEntity } from '../database/entities/index.js';
import { LeanStatements } from '../database/lean-statements.js';
import type { Client } from './client.js';
import { ClientRepository } from './client.repository.js';

@Injectable()
export class TypeOrmClientRepository extends ClientRepository {
  /** On every back-channel request (client authentication): plain SQL (LeanStatements). */
  private readonly byId: (parameters: { id: string }) => Promise<ClientEntity | null>;

  constructor(
    @InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>,
    dataSource: DataSource,
  ) {
    super();
    this.byId = new LeanStatements(dataSource, ClientEntity).selectOne('id = :id');
  }

  findById(id: string): Promise<Client | null> {
    return this.byId({ id });
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

  delete(id: string): Promise<boolean> {
    return this.clients.manager.transaction(async (manager) => {
      const result = await manager.delete(ClientEntity, { id });
      if ((result.affected ?? 0) === 0) return false;
      await manager.upsert(DeletedClientEntity, { clientId: id, deletedAt: new Date() }, ['clientId']);
      return true;
    });
  }
}
