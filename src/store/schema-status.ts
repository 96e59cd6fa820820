// Is a database file usable by this minsec, and what to do when it is not: the schema check that the CLI and
// the server rely on (Db.open refuses what is not current), the rebuild that `npm start` runs (ensureCurrent),
// and the detection of a database rebuilt under a running server (LiveDatabase).
import { resolve } from 'node:path';
import { type BuildEvent, buildDatabase } from './build.ts';
import {
  DatabaseStateError,
  Db,
  type FileIdentity,
  fileIdentity,
  inspectDatabase,
  type SchemaState,
  sameFile,
  stateMessage,
} from './db.ts';

export { inspectDatabase };

import { SCHEMA_VERSION } from './schema.ts';

export interface SchemaStatus {
  path: string;
  state: SchemaState;
  /** The schema version stored in the file (1 for a minsec database from before versioning). */
  version: number | null;
  /** The version this minsec reads. */
  expected: number;
  /** Random id given to the file when it was built: a rebuilt database has a new one. */
  buildId: string | null;
  createdAt: string | null;
  file: FileIdentity | null;
  /** Usable as it is. */
  ok: boolean;
  /** ensureCurrent would (re)build it: missing, empty or outdated. Other states are refused, never overwritten. */
  rebuildable: boolean;
  /** What the state means and what to do, for the user. */
  message: string;
}

/** schemaStatus(path): whether minsec can use the database at path, with the message to show when not. */
export async function schemaStatus(path: string): Promise<SchemaStatus> {
  const target = resolve(path);
  const s = await inspectDatabase(target);
  return {
    path: target,
    ...s,
    expected: SCHEMA_VERSION,
    ok: s.state === 'current',
    rebuildable: s.state === 'missing' || s.state === 'empty' || s.state === 'outdated',
    message: stateMessage(target, s.state, s.version),
  };
}

export interface EnsureOptions {
  /** Build progress (the same events as minsec data build). */
  onEvent?: (e: BuildEvent) => void;
  /** Called once with the reason before a rebuild starts (e.g. "… was built by an older minsec …"). */
  onRebuild?: (status: SchemaStatus) => void;
  rawDir?: string;
  fromPack?: boolean;
  packDir?: string;
}

/**
 * ensureCurrent(path): makes the database at path usable by this minsec. A current database is left alone; a
 * missing, empty or outdated one is (re)built (from ../shared/data when present, else the reference pack, or
 * as the options say) with progress through onEvent; anything else (not a minsec database, a newer schema) is
 * refused with a DatabaseStateError and left as it is.
 */
export async function ensureCurrent(
  path: string,
  opts: EnsureOptions = {},
): Promise<{ status: SchemaStatus; rebuilt: boolean; before: SchemaStatus }> {
  const before = await schemaStatus(path);
  if (before.ok) return { status: before, rebuilt: false, before };
  if (!before.rebuildable) throw new DatabaseStateError(before.path, before.state, before.message);
  opts.onRebuild?.(before);
  await buildDatabase({
    dbPath: before.path,
    rawDir: opts.rawDir,
    fromPack: opts.fromPack,
    packDir: opts.packDir,
    onEvent: opts.onEvent,
  });
  return { status: await schemaStatus(path), rebuilt: true, before };
}

/** What LiveDatabase.refresh found. */
export type RefreshResult =
  | { state: 'unchanged' }
  /** The file was replaced by a current database: it is open now; the old handle closes after its last use. */
  | { state: 'reopened'; status: SchemaStatus }
  /** The file changed and cannot be used (missing, outdated, not minsec…): the old handle stays in use. */
  | { state: 'unusable'; status: SchemaStatus };

interface Handle {
  db: Db;
  file: FileIdentity | null;
  buildId: string | null;
  users: number;
  retired: boolean;
}

/**
 * A read-only database that notices when the file at its path is rebuilt (a new file: other inode, size or
 * mtime, or a new build id) and reopens it when the new file is current. Readers run through use(fn), so
 * that a replaced handle is closed only when its last reader is done.
 *
 *   const live = await LiveDatabase.open(path);
 *   const r = await live.refresh();          // cheap when nothing changed (one stat)
 *   await live.use((db) => production(db, q));
 */
export class LiveDatabase {
  private handle: Handle;

  private constructor(
    readonly path: string,
    first: Handle,
  ) {
    this.handle = first;
  }

  static async open(path: string): Promise<LiveDatabase> {
    const target = resolve(path);
    return new LiveDatabase(target, await LiveDatabase.openHandle(target));
  }

  private static async openHandle(path: string): Promise<Handle> {
    const file = fileIdentity(path);
    const db = await Db.open(path, { readOnly: true });
    return { db, file, buildId: db.meta.buildId, users: 0, retired: false };
  }

  /** The handle in use now (prefer use(fn), which keeps it open while fn runs). */
  get db(): Db {
    return this.handle.db;
  }

  get buildId(): string | null {
    return this.handle.buildId;
  }

  /** True when the file at the path is no longer the one that is open (one stat call). */
  changed(): boolean {
    return !sameFile(fileIdentity(this.path), this.handle.file);
  }

  /** Reopens the database if its file was replaced by a current one (see RefreshResult). */
  async refresh(): Promise<RefreshResult> {
    if (!this.changed()) return { state: 'unchanged' };
    const status = await schemaStatus(this.path).catch(
      (e: Error): SchemaStatus => ({
        path: this.path,
        state: 'not-duckdb',
        version: null,
        expected: SCHEMA_VERSION,
        buildId: null,
        createdAt: null,
        file: fileIdentity(this.path),
        ok: false,
        rebuildable: false,
        message: `${this.path} cannot be read now: ${e.message}`,
      }),
    );
    if (!status.ok) return { state: 'unusable', status };
    const next = await LiveDatabase.openHandle(this.path);
    const old = this.handle;
    this.handle = next;
    old.retired = true;
    if (old.users === 0) old.db.close();
    return { state: 'reopened', status };
  }

  /** Runs fn with the current handle, keeping that handle open until fn settles. */
  async use<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const h = this.handle;
    h.users++;
    try {
      return await fn(h.db);
    } finally {
      h.users--;
      if (h.retired && h.users === 0) h.db.close();
    }
  }

  close(): void {
    this.handle.retired = true;
    if (this.handle.users === 0) this.handle.db.close();
  }
}

/** The server's view of a database file (the interface issue-14-server codes against). */
export type DatabaseCheck =
  | { ok: true; schemaVersion: number; identity: string }
  | { ok: false; reason: 'missing' | 'not_minsec' | 'old_schema' | 'newer_schema'; message: string };

/**
 * checkDatabase(path): usable or not, with the reason and the message that says what to run. `identity` is
 * the build id given to the file when it was built (a rebuilt file at the same path has another); compare it
 * with the file's inode and mtime (fileIdentity) to notice a rebuild.
 */
export async function checkDatabase(path: string): Promise<DatabaseCheck> {
  const s = await schemaStatus(path);
  if (s.ok) return { ok: true, schemaVersion: s.version ?? SCHEMA_VERSION, identity: s.buildId ?? '' };
  const reason =
    s.state === 'missing'
      ? 'missing'
      : s.state === 'outdated'
        ? 'old_schema'
        : s.state === 'newer'
          ? 'newer_schema'
          : 'not_minsec';
  return { ok: false, reason, message: s.message };
}

export { SCHEMA_VERSION };
