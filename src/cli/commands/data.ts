// minsec data build | import | status | pack
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { localeOf } from '../../i18n/locale.ts';
import { translator } from '../../i18n/node.ts';
import { ImportError, UserInputError } from '../../model/errors.ts';
import { referencePath } from '../../model/paths.ts';
import { dataStatus } from '../../services/status.ts';
import { IMPORTERS, importerFor } from '../../sources/registry.ts';
import { buildDatabase } from '../../store/build.ts';
import { loadBaciCsvBulk } from '../../store/bulk-baci.ts';
import { Db } from '../../store/db.ts';
import { type LoadResult, loadFile } from '../../store/load.ts';
import { writePack } from '../../store/pack.ts';
import { dbPathOf, withDb } from '../context.ts';
import { mdTable, toJson, write } from '../output.ts';
import { buildProgress } from '../progress.ts';

/** A file that cannot be imported is bad input: the CLI prints the file:line errors and exits 2. */
async function asUserInput<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof ImportError) throw new UserInputError(e.message, 'file');
    throw e;
  }
}

/** One line per load: loaded (and what it replaced), or unchanged. */
export function describeLoad(r: LoadResult): string {
  if (r.status === 'unchanged')
    return `${r.file}: the same content (SHA-256) is already loaded as source ${r.sourceId}; nothing changed`;
  const tables = Object.entries(r.byTable)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const lines = [`Loaded ${r.file} as source ${r.sourceId}: ${r.rows} rows (${tables})`];
  for (const x of r.replaced)
    lines.push(
      `  replaced ${x.rows} rows of source ${x.sourceId} (${x.file}): ${x.slices}${x.removed ? `; source ${x.sourceId} had no rows left and was removed` : ''}`,
    );
  return lines.join('\n');
}

export function register(program: Command): void {
  const data = program.command('data').description('build, import and inspect the database');

  data
    .command('build')
    .description('build the database from ../shared/data (or --from DIR), else from the reference pack')
    .option('--from <dir>', 'raw-data folder laid out like shared/data')
    .option(
      '--from-pack',
      'build from the committed reference pack (data/reference/) even if raw data is present',
    )
    .action(async (opts: { from?: string; fromPack?: boolean }, cmd: Command) => {
      await asUserInput(() =>
        buildDatabase({
          dbPath: dbPathOf(cmd),
          rawDir: opts.from,
          fromPack: opts.fromPack,
          onEvent: buildProgress(),
        }),
      );
    });

  data
    .command('import')
    .description(
      `load one file into the database (transactional; the same content again changes nothing). Kinds: ${IMPORTERS.map((i) => i.kind).join(', ')}`,
    )
    .argument('<kind>', 'import kind')
    .argument('<file>', 'the file')
    .option(
      '--replace',
      'replace the rows of earlier sources that cover the same dataset, years and codes (another release or copy of the same data) instead of refusing the file',
    )
    .action(async (kind: string, file: string, opts: { replace?: boolean }, cmd: Command) => {
      const importer = importerFor(kind);
      if (!existsSync(file)) throw new UserInputError(`no such file: ${file}`, 'file');
      const path = dbPathOf(cmd);
      if (!Db.exists(path))
        throw new UserInputError(
          `no database at ${path}. Build it first: minsec data build --db ${path}`,
          'db',
        );
      const db = await Db.open(path);
      try {
        const loadOpts = {
          replace: opts.replace,
          onProgress: (rows: number) => process.stderr.isTTY && process.stderr.write(`\r  ${rows} rows`),
        };
        // Raw BACI release CSVs (~11M rows) take the bulk path: same checks and errors, one scan.
        const r = await asUserInput(() =>
          kind === 'baci' && /\.csv$/i.test(file)
            ? loadBaciCsvBulk(db, file, loadOpts)
            : loadFile(db, importer, file, loadOpts),
        );
        process.stderr.write(`${process.stderr.isTTY ? '\n' : ''}${describeLoad(r)}\n`);
      } finally {
        db.close();
      }
    });

  data
    .command('status')
    .description('sources with licences and row counts; coverage and gaps per mineral and dataset')
    .option('--json', 'JSON output')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withDb(cmd, async (db) => {
        const s = await dataStatus(db);
        if (opts.json) return write(toJson(s));
        // Human output in the reader's language (--lang); --json stays language-neutral.
        const tr = translator(localeOf(cmd.optsWithGlobals()), 'cli');
        const { t } = tr;
        const col = (k: string) => t(`data.col.${k}`);
        write(
          `# ${t('data.h.sources')}\n\n${mdTable(
            s.sources.map(({ sourceId, kind, file, rows, licence }) => ({
              [col('sourceId')]: sourceId,
              [col('kind')]: kind,
              [col('file')]: file,
              [col('rows')]: rows,
              [col('licence')]: licence,
            })),
          )}`,
        );
        write(
          `\n# ${t('data.h.coverage')}\n\n${mdTable(
            s.coverage.map((c) => ({
              [col('mineral')]: tr.mineral(c.mineral),
              [col('dataset')]: c.dataset,
              [col('years')]: c.years ? `${c.years[0]}–${c.years[1]}` : null,
              [col('rows')]: c.rows,
              [col('codes')]: c.codes?.join(' ') ?? null,
              [col('gap')]: c.gap,
              [col('note')]: c.note,
            })),
          )}`,
        );
      });
    });

  data
    .command('pack')
    .description(
      'write the reference pack (data/reference/) from the database: written to a temporary folder and moved into place',
    )
    .option('--out <dir>', 'output folder (created if missing)', referencePath())
    .action(async (opts: { out: string }, cmd: Command) => {
      await withDb(cmd, async (db) => {
        const m = await writePack(db, opts.out);
        process.stderr.write(
          `Wrote ${m.tables.length} tables (${m.tables.reduce((s, t) => s + t.rows, 0)} rows) to ${opts.out}\n`,
        );
      });
    });
}
