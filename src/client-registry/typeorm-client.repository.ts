import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ClientEntity } from '../database/entities/index.js';
import type { Client } from './client.js';
import { ClientRepository } from './client.repository.js';

@Injectable()
export class TypeOrmClientRepository extends ClientRepository {
  constructor(@InjectRepository(ClientEntity) private readonly clients: Repository<ClientEntity>) {
    super();
  }

  findById(id: string): Promise<Client | null> {
    return this.clients.findOneBy({ id });
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
    const result = await this.clients.delete({ id });
    return (result.affected ?? 0) > 0;
  }
}
