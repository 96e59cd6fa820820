// Opening the embedded DuckDB database and running typed queries. Opening checks that the file is a minsec
// database of this code's schema version (src/store/schema.ts) and refuses anything else with a message that
// says what to do; a new (absent or empty) file opened for writing gets the schema and its version.
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { UserInputError } from '../model/errors.ts';
import { SCHEMA_FINGERPRINT, SCHEMA_SQL, SCHEMA_VERSION } from './schema.ts';

export const DEFAULT_DB_FILE = 'minsec.duckdb';

/** --db flag, else MINSEC_DB, else ./minsec.duckdb. */
export const resolveDbPath = (flag?: string) => resolve(flag ?? process.env.MINSEC_DB ?? DEFAULT_DB_FILE);

export type SqlParam = string | number | boolean | null;

/**
 * What a database file is, for this code: `current` (readable), `outdated` (a minsec database of an older or
 * different schema: rebuild it), `newer` (written by a newer minsec), `not-minsec` (a DuckDB file without
 * minsec's tables), `not-duckdb` (another kind of file), `empty` (a DuckDB file with no tables), `missing`.
 */
export type SchemaState =
  | 'current'
  | 'outdated'
  | 'newer'
  | 'not-minsec'
  | 'not-duckdb'
  | 'empty'
  | 'missing';

/** Where a database file sits on disk, to notice that it was replaced (rebuilt) or rewritten. */
export interface FileIdentity {
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
}

export function fileIdentity(path: string): FileIdentity | null {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

export const sameFile = (a: FileIdentity | null, b: FileIdentity | null) =>
  a !== null &&
  b !== null &&
  a.dev === b.dev &&
  a.ino === b.ino &&
  a.size === b.size &&
  a.mtimeMs === b.mtimeMs;

/** The schema facts stored in a database (minsec_meta), as read when it was opened. */
export interface DbMeta {
  state: SchemaState;
  /** Stored schema version: 1 for a minsec database from before versioning, null when not minsec. */
  version: number | null;
  fingerprint: string | null;
  buildId: string | null;
  createdAt: string | null;
}

/** A database that cannot be used as it is; `state` says why (see SchemaState). Exit 2 in the CLI. */
export class DatabaseStateError extends UserInputError {
  constructor(
    readonly path: string,
    readonly state: SchemaState,
    message: string,
  ) {
    super(message, 'db');
    this.name = 'DatabaseStateError';
  }
}

/** The first 16 bytes of a DuckDB file carry "DUCK" at offset 8 (DuckDB storage format header). */
export function isDuckDbFile(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const b = Buffer.alloc(12);
    return readSync(fd, b, 0, 12, 0) === 12 && b.toString('latin1', 8, 12) === 'DUCK';
  } finally {
    closeSync(fd);
  }
}

/** The message for a database in `state` (what is wrong and what to do). */
export function stateMessage(path: string, state: SchemaState, version: number | null): string {
  const rebuild = `rebuild it with: minsec data build --db ${path} (npm start rebuilds it by itself)`;
  switch (state) {
    case 'current':
      return `${path} is a minsec database of schema version ${SCHEMA_VERSION}`;
    case 'outdated':
      return version === null || version < SCHEMA_VERSION
        ? `${path} was built by an older minsec (schema version ${version ?? 1}; this minsec reads version ${SCHEMA_VERSION}): ${rebuild}`
        : `${path} was built with a different schema of version ${version} (its views or tables differ from this minsec's): ${rebuild}`;
    case 'newer':
      return `${path} was built by a newer minsec (schema version ${version}; this minsec reads version ${SCHEMA_VERSION}): update minsec, or ${rebuild}`;
    case 'not-minsec':
      return `${path} is a DuckDB database but not a minsec one (no minsec tables): point --db at a minsec database or build one with minsec data build --db NEWFILE`;
    case 'not-duckdb':
      return `${path} is not a DuckDB database file: point --db at a minsec database or build one with minsec data build --db NEWFILE`;
    case 'empty':
      return `${path} is an empty DuckDB database: build it with minsec data build --db ${path}`;
    case 'missing':
      return `no database at ${path}: build it with minsec data build --db ${path} (npm start builds it by itself)`;
  }
}

async function readMeta(conn: DuckDBConnection): Promise<DbMeta> {
  const tables = (
    await conn.runAndReadAll(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`,
    )
  )
    .getRows()
    .map((r) => String(r[0]));
  if (!tables.length)
    return { state: 'empty', version: null, fingerprint: null, buildId: null, createdAt: null };
  if (!tables.includes('minsec_meta')) {
    const old = tables.includes('sources');
    return {
      state: old ? 'outdated' : 'not-minsec',
      version: old ? 1 : null,
      fingerprint: null,
      buildId: null,
      createdAt: null,
    };
  }
  const kv = new Map(
    (await conn.runAndReadAll('SELECT key, value FROM minsec_meta'))
      .getRows()
      .map((r) => [String(r[0]), String(r[1])]),
  );
  const version = Number(kv.get('schema_version'));
  const fingerprint = kv.get('schema_fingerprint') ?? null;
  const state: SchemaState = !Number.isInteger(version)
    ? 'outdated'
    : version > SCHEMA_VERSION
      ? 'newer'
      : version < SCHEMA_VERSION || fingerprint !== SCHEMA_FINGERPRINT
        ? 'outdated'
        : 'current';
  return {
    state,
    version: Number.isInteger(version) ? version : null,
    fingerprint,
    buildId: kv.get('build_id') ?? null,
    createdAt: kv.get('created_at') ?? null,
  };
}

export interface OpenOptions {
  readOnly?: boolean;
  /** Open a database that is not current (to inspect it); queries may then fail. */
  allowOutdated?: boolean;
}

export class Db {
  private constructor(
    readonly path: string,
    readonly instance: DuckDBInstance,
    readonly conn: DuckDBConnection,
    readonly meta: DbMeta,
    /** The file as it was when opened (null for a database that did not exist before). */
    readonly file: FileIdentity | null,
  ) {}

  /**
   * Opens a minsec database. A missing or empty file opened for writing is created with the schema; a file
   * that is not a current minsec database is refused with a DatabaseStateError (unless allowOutdated).
   */
  static async open(path: string, opts: OpenOptions = {}): Promise<Db> {
    const existed = existsSync(path);
    if (existed && statSync(path).size > 0 && !isDuckDbFile(path))
      throw new DatabaseStateError(path, 'not-duckdb', stateMessage(path, 'not-duckdb', null));
    if (!existed && opts.readOnly)
      throw new DatabaseStateError(path, 'missing', stateMessage(path, 'missing', null));
    const file = fileIdentity(path);
    const instance = await DuckDBInstance.create(
      path,
      opts.readOnly ? { access_mode: 'READ_ONLY' } : {},
    ).catch((e: Error) => {
      const holder = /Conflicting lock is held in (.*?\(PID \d+\))/.exec(e.message)?.[1];
      if (holder || /Could not set lock/.test(e.message))
        throw new UserInputError(
          `${path} is in use by another process${holder ? ` (${holder})` : ''}: a build, an import or a server holds it. Wait for it or stop it, then try again`,
          'db',
        );
      throw e;
    });
    const conn = await instance.connect();
    let meta = await readMeta(conn);
    if (meta.state === 'empty' && !opts.readOnly) {
      await createSchema(conn);
      meta = await readMeta(conn);
    }
    const db = new Db(path, instance, conn, meta, existed ? file : null);
    if (meta.state !== 'current' && !opts.allowOutdated) {
      db.close();
      throw new DatabaseStateError(path, meta.state, stateMessage(path, meta.state, meta.version));
    }
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

  /** Inside a load's transaction: the next source id (stored in minsec_meta, so a rollback returns it). */
  async takeSourceId(): Promise<number> {
    const id = Number(
      (await this.one<{ v: string }>(`SELECT value v FROM minsec_meta WHERE key = 'next_source_id'`))!.v,
    );
    await this.setNextSourceId(id + 1);
    return id;
  }

  /** Sets the id the next load takes (after loading a pack with its own ids). */
  async setNextSourceId(id: number): Promise<void> {
    await this.run(`UPDATE minsec_meta SET value = ? WHERE key = 'next_source_id'`, [String(id)]);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}

async function createSchema(conn: DuckDBConnection): Promise<void> {
  for (const sql of SCHEMA_SQL) await conn.run(sql);
  const meta: [string, string][] = [
    ['schema_version', String(SCHEMA_VERSION)],
    ['schema_fingerprint', SCHEMA_FINGERPRINT],
    ['build_id', randomUUID()],
    ['created_at', new Date().toISOString()],
    ['next_source_id', '1'],
  ];
  for (const [k, v] of meta) await conn.run('INSERT INTO minsec_meta VALUES ($1, $2)', [k, v] as never);
}

/** The state of the database at path (opened read-only for a moment when it is a DuckDB file). */
export async function inspectDatabase(path: string): Promise<{
  state: SchemaState;
  version: number | null;
  buildId: string | null;
  createdAt: string | null;
  file: FileIdentity | null;
}> {
  const file = fileIdentity(path);
  const none = { version: null, buildId: null, createdAt: null, file };
  if (!existsSync(path)) return { state: 'missing', ...none };
  if (statSync(path).isDirectory() || !isDuckDbFile(path)) return { state: 'not-duckdb', ...none };
  const db = await Db.open(path, { readOnly: true, allowOutdated: true });
  try {
    const { state, version, buildId, createdAt } = db.meta;
    return { state, version, buildId, createdAt, file };
  } finally {
    db.close();
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
