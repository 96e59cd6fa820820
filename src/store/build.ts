// `minsec data build`: a fresh database from the raw files (../shared/data or --from DIR), or from the
// committed reference pack when no raw folder is there. The database is built beside the target
// (<target>.building-<pid>) and moved into place only when every file loaded, so a failed build leaves the
// previous database as it was. The target must be absent or a minsec database (of any version): any other
// file is refused, never overwritten. Temp files left by a killed build (their pid is gone) are removed.
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { UserInputError } from '../model/errors.ts';
import { DEFAULT_RAW_DIR, referencePath } from '../model/paths.ts';
import { buildPlan, importerFor } from '../sources/registry.ts';
import { DatabaseStateError, Db, inspectDatabase, isDuckDbFile } from './db.ts';
import { type LoadResult, loadFile } from './load.ts';
import { loadPack, PACK_MANIFEST } from './pack.ts';
import { writeStaticTables } from './static-tables.ts';

export type BuildEvent =
  | { type: 'start'; origin: 'raw' | 'pack'; from: string; files: number }
  | { type: 'file-start'; file: string; index: number; total: number }
  | { type: 'progress'; file: string; rows: number }
  | { type: 'file-done'; file: string; rows: number }
  | { type: 'done'; dbPath: string; rows: number; seconds: number };

export interface BuildOptions {
  dbPath: string;
  /** Raw-data folder; default ../shared/data beside the project, else the reference pack. */
  rawDir?: string;
  /** Build from the committed reference pack even when raw data is present. */
  fromPack?: boolean;
  /** The pack folder (default data/reference). */
  packDir?: string;
  onEvent?: (e: BuildEvent) => void;
}

export interface BuildResult {
  dbPath: string;
  origin: 'raw' | 'pack';
  from: string;
  loads: LoadResult[];
  rows: number;
}

/** Where the build reads from: an explicit --from, else ../shared/data when present, else the pack. */
export function chooseOrigin(
  rawDir?: string,
  fromPack = false,
  packDir = referencePath(),
): { origin: 'raw' | 'pack'; from: string } {
  if (fromPack) {
    if (!existsSync(join(packDir, PACK_MANIFEST)))
      throw new UserInputError(`no reference pack at ${packDir}; run minsec data pack`);
    return { origin: 'pack', from: packDir };
  }
  if (rawDir) {
    if (!existsSync(rawDir)) throw new UserInputError(`--from ${rawDir}: no such folder`, 'from');
    return { origin: 'raw', from: resolve(rawDir) };
  }
  if (existsSync(DEFAULT_RAW_DIR)) return { origin: 'raw', from: DEFAULT_RAW_DIR };
  if (existsSync(join(packDir, PACK_MANIFEST))) return { origin: 'pack', from: packDir };
  throw new UserInputError(
    `no raw data at ${DEFAULT_RAW_DIR} and no reference pack at ${referencePath()}; pass --from DIR`,
  );
}

/** Is process `pid` running? (signal 0 checks without signalling; EPERM means it runs as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `<target>.building-<pid>` files (and their .wal) of builds that died; refuses when a live process is
 * building the same target. Returns the removed files.
 */
export function cleanStaleBuilds(target: string): string[] {
  const dir = dirname(target);
  const prefix = `${basename(target)}.building-`;
  const removed: string[] = [];
  if (!existsSync(dir)) return removed;
  for (const f of readdirSync(dir)) {
    if (!f.startsWith(prefix)) continue;
    const pid = Number(/^(\d+)(\.wal)?$/.exec(f.slice(prefix.length))?.[1]);
    if (!Number.isInteger(pid)) continue;
    if (pid === process.pid) continue;
    if (alive(pid))
      throw new UserInputError(
        `another build (process ${pid}) is writing ${target}; wait for it to finish or stop it`,
        'db',
      );
    rmSync(join(dir, f), { force: true });
    removed.push(join(dir, f));
  }
  return removed;
}

/** Refuses a target that exists and is not a minsec database (of any schema version). */
async function checkTarget(target: string): Promise<void> {
  if (!existsSync(target)) return;
  if (!isDuckDbFile(target))
    throw new DatabaseStateError(
      target,
      'not-duckdb',
      `${target} exists and is not a minsec database (not a DuckDB file): it was not overwritten. Choose another --db or move that file away`,
    );
  const { state } = await inspectDatabase(target);
  if (state === 'not-minsec' || state === 'not-duckdb')
    throw new DatabaseStateError(
      target,
      state,
      `${target} exists and is not a minsec database (a DuckDB file without minsec's tables): it was not overwritten. Choose another --db or move that file away`,
    );
}

export async function buildDatabase(opts: BuildOptions): Promise<BuildResult> {
  const started = Date.now();
  const { origin, from } = chooseOrigin(opts.rawDir, opts.fromPack, opts.packDir);
  const target = resolve(opts.dbPath);
  await checkTarget(target);
  cleanStaleBuilds(target);
  const tmp = `${target}.building-${process.pid}`;
  const emit = opts.onEvent ?? (() => {});
  for (const f of [tmp, `${tmp}.wal`]) rmSync(f, { force: true });
  const db = await Db.open(tmp);
  const loads: LoadResult[] = [];
  try {
    await writeStaticTables(db);
    if (origin === 'pack') {
      emit({ type: 'start', origin, from, files: 1 });
      loads.push(...(await loadPack(db, from, (file, rows) => emit({ type: 'file-done', file, rows }))));
    } else {
      const plan = buildPlan(from);
      const missing = plan.filter((p) => !existsSync(p.path));
      if (missing.length)
        throw new UserInputError(
          `raw files missing under ${from}:\n${missing.map((m) => `  ${m.path}`).join('\n')}\n(fix: point --from at a complete copy of the raw-data folder)`,
        );
      emit({ type: 'start', origin, from, files: plan.length });
      for (const [i, p] of plan.entries()) {
        const label = p.path.slice(from.length + 1);
        emit({ type: 'file-start', file: label, index: i + 1, total: plan.length });
        const r = await loadFile(db, importerFor(p.kind), p.path, {
          label,
          onProgress: (rows) => emit({ type: 'progress', file: label, rows }),
        });
        loads.push(r);
        emit({ type: 'file-done', file: label, rows: r.rows });
      }
    }
    await db.run('CHECKPOINT');
    db.close();
  } catch (e) {
    db.close();
    for (const f of [tmp, `${tmp}.wal`]) rmSync(f, { force: true });
    throw e;
  }
  try {
    await checkTarget(target); // a file put there while building is not overwritten either
  } catch (e) {
    for (const f of [tmp, `${tmp}.wal`]) rmSync(f, { force: true });
    throw e;
  }
  rmSync(`${target}.wal`, { force: true });
  renameSync(tmp, target);
  const rows = loads.reduce((s, l) => s + l.rows, 0);
  emit({ type: 'done', dbPath: target, rows, seconds: (Date.now() - started) / 1000 });
  return { dbPath: target, origin, from, loads, rows };
}
