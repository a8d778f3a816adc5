import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** One statement, ready to run: its SQL in the driver's placeholder style, and the parameter each placeholder takes. */
interface Compiled {
  readonly sql: string;
  readonly names: readonly string[];
  /** A SELECT of one row at most: SQLite steps to the first row only. */
  readonly single: boolean;
  /** SQLite: the statement prepared once, on first use. */
  prepared?: BetterSqlite3.Statement;
  /** PostgreSQL: its name as a prepared statement, the same for the same text. */
  name?: string;
}

/** What a statement returned: its rows (SELECT), or how many rows it changed. */
interface Outcome {
  readonly rows: ObjectLiteral[];
  readonly changed: number;
}

/**
 * Hot-path statements on one entity's table (the lookups and writes every token request
 * makes), as plain SQL built once, instead of through TypeORM's query builder: building the
 * SQL and mapping the result costs the builder about 10 µs of CPU per query, several times
 * what better-sqlite3 takes to run it. On SQLite each statement is prepared once on the
 * connection TypeORM opened (the one connection its own queries use, so transactions and
 * locking are as for them) and runs synchronously; on PostgreSQL it is a named prepared
 * statement on TypeORM's pool, outside any transaction TypeORM has open, as any query of a
 * fresh query runner would be. Rows are read and written through the entity's column
 * metadata (names, transformers, the driver's conversions), so the entity stays the one
 * description of its table, and the same SQL serves both databases. Parameters are `:named`;
 * a Date is passed as epoch milliseconds, as instants are stored (columns.ts).
 */
export class LeanStatements<T extends ObjectLiteral> {
  private readonly metadata: EntityMetadata;
  private readonly table: string;
  private readonly columns: string;
  private readonly sqlite: boolean;

  constructor(
    private readonly dataSource: DataSource,
    entity: EntityTarget<T>,
  ) {
    this.metadata = dataSource.getMetadata(entity);
    this.sqlite = dataSource.driver.options.type === 'better-sqlite3';
    // As TypeORM names a table: each part of a schema-qualified path quoted apart.
    this.table = this.metadata.tablePath
      .split('.')
      .map((part) => dataSource.driver.escape(part))
      .join('.');
    this.columns = this.metadata.columns.map((column) => dataSource.driver.escape(column.databaseName)).join(', ');
  }

  /** `SELECT` every column of the first row matching `where` (a key, as a rule), as an entity; null if none. */
  selectOne(where: string): (parameters: ObjectLiteral) => Promise<T | null> {
    const statement = this.compile(`SELECT ${this.columns} FROM ${this.table} WHERE ${where} LIMIT 1`, true);
    return async (parameters) => {
      const [row] = (await this.run(statement, parameters)).rows;
      return row ? this.hydrate(row) : null;
    };
  }

  /** `INSERT` of one entity, every column. */
  insert(): (entity: T) => Promise<void> {
    const statement = this.compile(this.insertSql());
    return async (entity) => {
      await this.run(statement, this.persistentValues(entity));
    };
  }

  /**
   * PostgreSQL only: `INSERT` of one entity and then `sql` as one statement (`WITH inserted AS
   * (INSERT …) sql`): one round trip, one transaction. `sql` is a statement, or further `, name
   * AS (…)` items of the WITH and then one; its parameters are named apart from the entity's
   * properties. Resolves with the number of rows the statement changed (a SELECT: returned).
   */
  insertThen(sql: string): (entity: T, parameters: ObjectLiteral) => Promise<number> {
    const statement = this.compile(`WITH inserted AS (${this.insertSql()}) ${sql}`);
    const clash = this.metadata.columns.find(
      (column) => statement.names.filter((n) => n === column.propertyName).length > 1,
    );
    if (clash) throw new Error(`insertThen: the parameter :${clash.propertyName} is also a property of the entity`);
    return async (entity, parameters) =>
      (await this.run(statement, { ...parameters, ...this.persistentValues(entity) })).changed;
  }

  /** `UPDATE … SET set WHERE where`; resolves with the number of rows changed. */
  update(set: string, where: string): (parameters: ObjectLiteral) => Promise<number> {
    const statement = this.compile(`UPDATE ${this.table} SET ${set} WHERE ${where}`);
    return async (parameters) => (await this.run(statement, parameters)).changed;
  }

  /** `UPDATE … SET set WHERE where RETURNING` every column: the rows changed, as entities (after the change). */
  updateReturning(set: string, where: string): (parameters: ObjectLiteral) => Promise<T[]> {
    const statement = this.compile(`UPDATE ${this.table} SET ${set} WHERE ${where} RETURNING ${this.columns}`);
    return async (parameters) => (await this.run(statement, parameters)).rows.map((row) => this.hydrate(row));
  }

  /**
   * A statement written out in full whose rows are this entity's (every column, by name: `RETURNING f.*`),
   * for what the methods above cannot say; its SQL must suit the database it runs on.
   */
  rows(sql: string): (parameters: ObjectLiteral) => Promise<T[]> {
    const statement = this.compile(sql);
    return async (parameters) => (await this.run(statement, parameters)).rows.map((row) => this.hydrate(row));
  }

  private insertSql(): string {
    const names = this.metadata.columns.map((column) => `:${column.propertyName}`);
    return `INSERT INTO ${this.table} (${this.columns}) VALUES (${names.join(', ')})`;
  }

  /** The entity's values as its columns store them (transformers and the driver's conversions applied). */
  private persistentValues(entity: T): ObjectLiteral {
    return Object.fromEntries(
      this.metadata.columns.map((column) => [
        column.propertyName,
        this.dataSource.driver.preparePersistentValue(column.getEntityValue(entity), column),
      ]),
    );
  }

  private compile(sql: string, single = false): Compiled {
    const names: string[] = [];
    const text = sql.replace(/:([A-Za-z]\w*)/g, (_, name: string) => {
      names.push(name);
      return this.sqlite ? '?' : `$${names.length}`;
    });
    return { sql: text, names, single };
  }

  private async run(statement: Compiled, parameters: ObjectLiteral): Promise<Outcome> {
    const values = statement.names.map((name) => {
      const value: unknown = parameters[name];
      if (value instanceof Date) return value.getTime();
      // better-sqlite3 binds neither booleans nor undefined.
      if (typeof value === 'boolean' && this.sqlite) return value ? 1 : 0;
      return value ?? null;
    });
    if (this.sqlite) return this.runOnSqlite(statement, values);
    return this.runOnPostgres(statement, values);
  }

  /**
   * On the pool TypeORM opened, as a named statement: each connection parses and plans it once
   * and then only binds and executes it (a code exchange ran 1.4× as fast). A pooler in front
   * of PostgreSQL must keep prepared statements per client (PgBouncer: max_prepared_statements).
   * Errors are the driver's own, not TypeORM's QueryFailedError.
   */
  private async runOnPostgres(statement: Compiled, values: unknown[]): Promise<Outcome> {
    const { master: pool } = this.dataSource.driver as unknown as { master: pg.Pool };
    statement.name ??= `lean_${createHash('sha256').update(statement.sql).digest('hex').slice(0, 24)}`;
    const result = await pool.query({ name: statement.name, text: statement.sql, values });
    return { rows: result.rows, changed: result.rowCount ?? 0 };
  }

  private runOnSqlite(statement: Compiled, values: unknown[]): Outcome {
    // TypeORM's better-sqlite3 driver holds the one open database here.
    const { databaseConnection: connection } = this.dataSource.driver as unknown as {
      databaseConnection: BetterSqlite3.Database;
    };
    const prepared = (statement.prepared ??= connection.prepare(statement.sql));
    if (!prepared.reader) return { rows: [], changed: prepared.run(...values).changes };
    if (!statement.single) return { rows: prepared.all(...values) as ObjectLiteral[], changed: 0 };
    const row = prepared.get(...values) as ObjectLiteral | undefined;
    return { rows: row ? [row] : [], changed: 0 };
  }

  private hydrate(row: ObjectLiteral): T {
    const entity = this.metadata.create() as T;
    for (const column of this.metadata.columns) {
      column.setEntityValue(entity, this.dataSource.driver.prepareHydratedValue(row[column.databaseName], column));
    }
    return entity;
  }
}
