import { Global, Module } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/database.config.js';
import { buildDataSourceOptions } from './data-source-options.js';
import { openAndMigrate } from './migrate.js';

/** The one TypeORM data layer; migrations are applied at start. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => buildDataSourceOptions(config.url),
      // Migrations run here, under a lock on PostgreSQL, rather than through `migrationsRun`.
      dataSourceFactory: (options) => openAndMigrate(options!),
    }),
  ],
})
export class DatabaseModule {}
