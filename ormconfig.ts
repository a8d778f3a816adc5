import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './src/database/data-source-options.js';

/** The DataSource of TypeORM's migration CLI: `npm run typeorm -- migration:run` (after `npm run build`). */
export default new DataSource(buildDataSourceOptions(process.env.DATABASE_URL ?? 'sqlite:data/oauth.sqlite'));
