import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/database.config.js';
import { buildDataSourceOptions } from './data-source-options.js';

/** The one TypeORM data layer; migrations are applied at start. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        ...buildDataSourceOptions(config.url),
        migrationsRun: true,
      }),
    }),
  ],
})
export class DatabaseModule {}
