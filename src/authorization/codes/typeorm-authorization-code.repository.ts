import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AuthorizationCodeEntity } from '../../database/entities/index.js';
import { AuthorizationCodeRepository, type AuthorizationCode } from './authorization-code.repository.js';

@Injectable()
export class TypeOrmAuthorizationCodeRepository extends AuthorizationCodeRepository {
  constructor(@InjectRepository(AuthorizationCodeEntity) private readonly codes: Repository<AuthorizationCodeEntity>) {
    super();
  }

  async insert(code: AuthorizationCode): Promise<void> {
    await this.codes.insert(this.codes.create({ ...code, scopes: [...code.scopes] }));
  }

  findByHash(codeHash: string): Promise<AuthorizationCode | null> {
    return this.codes.findOneBy({ codeHash });
  }

  async redeem(codeHash: string, familyId: string, now: Date): Promise<boolean> {
    const result = await this.codes.update({ codeHash, redeemedAt: IsNull() }, { redeemedAt: now, familyId });
    return result.affected === 1;
  }
}
