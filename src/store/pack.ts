// The reference pack: compact Parquet copies of the loaded tables under data/reference/, so that a clone
// without ../shared/data still builds a working database. MANIFEST.json names every raw input with its
// SHA-256, release and licence, every table file with its hash, and the transformation applied.
// UN Comtrade-derived rows never enter the pack (UN Comtrade terms of use forbid redistribution): datasets
// comtrade (users' own files) and china-monthly (China's monthly exports, China-reported Comtrade rows).
//
// Writing is atomic per folder: the pack is written into a temporary folder beside the target and renamed into
// place (a new folder), or its files are renamed in one by one with MANIFEST.json last (an existing folder);
// only files the previous MANIFEST.json listed are removed, nothing else in the folder is touched.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ImportError, UserInputError } from '../model/errors.ts';
import { referencePath } from '../model/paths.ts';
import type { Db } from './db.ts';
import { type LoadResult, recordCoverage } from './load.ts';
import { SCHEMA_VERSION, TABLES, type TableName } from './schema.ts';

export const PACK_MANIFEST = 'MANIFEST.json';
/** Trade datasets derived from UN Comtrade, kept out of the pack with their sources (EXCLUDED_KINDS). */
export const EXCLUDED_DATASETS = ['comtrade', 'china-monthly'];
/** Tables kept out of the pack: the IEA policy list may be cited but not redistributed (IEA terms). */
const EXCLUDED_TABLES = ['policies'];
export const EXCLUDED_KINDS = ['comtrade', 'china-monthly', 'iea-policies'];

export interface PackManifest {
  generatedBy: string;
  /** The database schema version the tables were written with (src/store/schema.ts). */
  schemaVersion?: number;
  transformation: string;
  excluded: string[];
  inputs: {
    sourceId: number;
    kind: string;
    file: string;
    release: string;
    licence: string;
    citation: string;
    sha256: string;
    rows: number;
  }[];
  tables: { table: string; file: string; rows: number; sha256: string }[];
  vocabulary: { file: string; sha256: string; derivedFrom: string; by: string; licence: string };
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const sqlPath = (p: string) => `'${p.replace(/'/g, "''")}'`;

/** The files a pack folder's MANIFEST.json lists (empty when there is none or it is unreadable). */
function packFiles(dir: string): string[] {
  try {
    const m = JSON.parse(readFileSync(join(dir, PACK_MANIFEST), 'utf8')) as PackManifest;
    return [...m.tables.map((t) => t.file), m.vocabulary.file];
  } catch {
    return [];
  }
}

/** Moves the pack written in tmp into target (see the header); tmp is left empty or gone. */
function install(tmp: string, target: string): void {
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new UserInputError(`--out ${target} is a file, not a folder`, 'out');
  if (existsSync(target) && readdirSync(target).length === 0) rmdirSync(target);
  if (!existsSync(target)) {
    renameSync(tmp, target);
    return;
  }
  const before = packFiles(target);
  const files = readdirSync(tmp).filter((f) => f !== PACK_MANIFEST);
  for (const f of files) renameSync(join(tmp, f), join(target, f));
  renameSync(join(tmp, PACK_MANIFEST), join(target, PACK_MANIFEST));
  for (const f of before) if (!files.includes(f)) rmSync(join(target, f), { force: true });
}

/** Writes the pack from a built database into outDir (created if needed); returns the manifest. */
export async function writePack(db: Db, outDir: string): Promise<PackManifest> {
  const target = resolve(outDir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new UserInputError(`--out ${target} is a file, not a folder`, 'out');
  mkdirSync(dirname(target), { recursive: true });
  const tmp = mkdtempSync(join(dirname(target), `.${basename(target)}.writing-`));
  try {
    const vocabulary = existsSync(join(target, 'countries.csv'))
      ? join(target, 'countries.csv')
      : referencePath('countries.csv');
    copyFileSync(vocabulary, join(tmp, 'countries.csv'));
    const manifest = await writePackFiles(db, tmp);
    install(tmp, target);
    return manifest;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function writePackFiles(db: Db, outDir: string): Promise<PackManifest> {
  const inputs = await db.all<PackManifest['inputs'][number] & { source_id: number }>(
    `SELECT source_id AS "sourceId", kind, file, release, licence, citation, sha256, rows FROM sources
     WHERE kind NOT IN (${EXCLUDED_KINDS.map((d) => `'${d}'`).join(',')}) ORDER BY source_id`,
  );
  const tables: PackManifest['tables'] = [];
  for (const t of Object.values(TABLES)) {
    if (EXCLUDED_TABLES.includes(t.name)) continue;
    const where =
      t.name === 'trade' ? `WHERE dataset NOT IN (${EXCLUDED_DATASETS.map((d) => `'${d}'`).join(',')})` : '';
    const n = (await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${t.name} ${where}`))!.n;
    if (!n) continue;
    const file = `${t.name}.parquet`;
    const order = t.columns.map((c) => c.name).join(', ');
    await db.run(
      `COPY (SELECT * FROM ${t.name} ${where} ORDER BY ${order}) TO ${sqlPath(join(outDir, file))} (FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL 19)`,
    );
    tables.push({ table: t.name, file, rows: n, sha256: sha(join(outDir, file)) });
  }
  const manifest: PackManifest = {
    generatedBy: 'minsec data pack (src/store/pack.ts) from a database built by minsec data build',
    schemaVersion: SCHEMA_VERSION,
    transformation:
      'Each table holds the records the project importers (src/sources/) parsed from the raw inputs: values ' +
      'normalised (USGS number formats and symbols, BACI thousand USD to USD), country names and codes mapped ' +
      'to ISO3, USGS editions kept side by side (the latest wins in views). Rows keep source_id (→ inputs) and ' +
      'source_line (line in the raw file).',
    excluded: [
      'trade rows of datasets comtrade and china-monthly (China-reported UN Comtrade monthly exports) and their sources (UN Comtrade terms forbid redistribution)',
      'the IEA Critical Minerals Policy Explorer list (table policies): IEA terms allow citing facts, not redistribution',
    ],
    inputs,
    tables,
    vocabulary: {
      file: 'countries.csv',
      sha256: sha(join(outDir, 'countries.csv')),
      derivedFrom:
        'countries/derived_country_crosswalk_iso_cow_wgi.csv (ISO 3166 codes with UN M49 regions, COW and WGI codes)',
      by: 'scripts/derive-countries.ts',
      licence: 'CC BY-SA 4.0 (lukes/ISO-3166-Countries-with-Regional-Codes)',
    },
  };
  writeFileSync(join(outDir, PACK_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Columns of a parquet file, to check a pack against this code's tables. */
async function parquetColumns(db: Db, file: string): Promise<string[]> {
  return (await db.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(${sqlPath(file)})`)).map(
    (r) => r.column_name,
  );
}

/** Loads a pack written by writePack into an empty database, checking every file's hash and columns first. */
export async function loadPack(
  db: Db,
  dir: string,
  onTable?: (file: string, rows: number) => void,
): Promise<LoadResult[]> {
  const manifest = JSON.parse(readFileSync(join(dir, PACK_MANIFEST), 'utf8')) as PackManifest;
  const regenerate = 'regenerate the pack from the raw data: minsec data build && minsec data pack';
  for (const t of manifest.tables) {
    if (sha(join(dir, t.file)) !== t.sha256)
      throw new ImportError(t.file, [
        {
          file: t.file,
          line: 0,
          message: 'SHA-256 differs from MANIFEST.json',
          hint: 'regenerate the pack with minsec data pack',
        },
      ]);
    const want = TABLES[t.table as TableName]?.columns.map((c) => c.name);
    const have = await parquetColumns(db, join(dir, t.file));
    if (!want || want.join(',') !== have.join(','))
      throw new ImportError(t.file, [
        {
          file: t.file,
          line: 0,
          message: `the pack was written for schema version ${manifest.schemaVersion ?? 1}; this minsec's table ${t.table} has columns ${want?.join(', ') ?? '(no such table)'}, the file ${have.join(', ')}`,
          hint: regenerate,
        },
      ]);
  }
  await db.run('BEGIN TRANSACTION');
  try {
    for (const s of manifest.inputs)
      await db.run(
        `INSERT INTO sources (source_id, kind, file, release, licence, citation, sha256, rows, loaded_at, from_pack)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, now(), true)`,
        [s.sourceId, s.kind, s.file, s.release, s.licence, s.citation, s.sha256, s.rows],
      );
    for (const t of manifest.tables) {
      await db.run(`INSERT INTO ${t.table} SELECT * FROM read_parquet(${sqlPath(join(dir, t.file))})`);
      onTable?.(t.file, t.rows);
    }
    await recordCoverage(db);
    await db.setNextSourceId(Math.max(0, ...manifest.inputs.map((s) => s.sourceId)) + 1);
    await db.run('COMMIT');
  } catch (e) {
    await db.run('ROLLBACK');
    throw e;
  }
  return manifest.inputs.map((s) => ({
    sourceId: s.sourceId,
    file: s.file,
    kind: s.kind,
    rows: s.rows,
    byTable: {},
    status: 'loaded' as const,
    replaced: [],
  }));
}
