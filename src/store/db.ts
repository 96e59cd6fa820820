// Opening the embedded DuckDB database and running typed queries.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { SCHEMA_SQL } from './schema.ts';

export const DEFAULT_DB_FILE = 'minsec.duckdb';

/** --db flag, else MINSEC_DB, else ./minsec.duckdb. */
export const resolveDbPath = (flag?: string) => resolve(flag ?? process.env.MINSEC_DB ?? DEFAULT_DB_FILE);

export type SqlParam = string | number | boolean | null;

export class Db {
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
  ) {}

  static async open(path: string, opts: { readOnly?: boolean } = {}): Promise<Db> {
    const instance = await DuckDBInstance.create(path, opts.readOnly ? { access_mode: 'READ_ONLY' } : {});
    const conn = await instance.connect();
    const db = new Db(path, instance, conn);
    if (!opts.readOnly) for (const sql of SCHEMA_SQL) await conn.run(sql);
    return db;
  }

  static exists = (path: string) => existsSync(path);

  async run(sql: string, params: SqlParam[] = []): Promise<void> {
    await this.conn.run(sql, params.length ? (params as never) : undefined);
  }

  /** Rows as plain JS objects; BIGINT and DECIMAL become numbers, DATE becomes 'YYYY-MM-DD'. */
  async all<T = Record<string, unknown>>(sql: string, params: SqlParam[] = []): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
    return reader.getRowObjectsJS().map((r) => normalise(r) as T);
  }

  async one<T = Record<string, unknown>>(sql: string, params: SqlParam[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

function normalise(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (v instanceof Date) out[k] = v.toISOString().slice(0, 10);
    else out[k] = v;
  }
  return out;
}
