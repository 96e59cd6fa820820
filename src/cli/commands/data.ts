// minsec data build | import | status | pack
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { UserInputError } from '../../model/errors.ts';
import { referencePath } from '../../model/paths.ts';
import { dataStatus } from '../../services/status.ts';
import { IMPORTERS, importerFor } from '../../sources/registry.ts';
import { buildDatabase } from '../../store/build.ts';
import { loadBaciCsvBulk } from '../../store/bulk-baci.ts';
import { Db } from '../../store/db.ts';
import { loadFile } from '../../store/load.ts';
import { writePack } from '../../store/pack.ts';
import { dbPathOf, withDb } from '../context.ts';
import { mdTable, toJson, write } from '../output.ts';
import { buildProgress } from '../progress.ts';

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
      await buildDatabase({
        dbPath: dbPathOf(cmd),
        rawDir: opts.from,
        fromPack: opts.fromPack,
        onEvent: buildProgress(),
      });
    });

  data
    .command('import')
    .description(
      `load one file into the database (transactional). Kinds: ${IMPORTERS.map((i) => i.kind).join(', ')}`,
    )
    .argument('<kind>', 'import kind')
    .argument('<file>', 'the file')
    .option('--replace', 'replace an earlier load of the same file')
    .action(async (kind: string, file: string, opts: { replace?: boolean }, cmd: Command) => {
      const importer = importerFor(kind);
      if (!existsSync(file)) throw new UserInputError(`no such file: ${file}`, 'file');
      const path = dbPathOf(cmd);
      if (!Db.exists(path))
        throw new UserInputError(`no database at ${path}. Build it first: minsec data build`);
      const db = await Db.open(path);
      try {
        const loadOpts = {
          replace: opts.replace,
          onProgress: (rows: number) => process.stderr.isTTY && process.stderr.write(`\r  ${rows} rows`),
        };
        // Raw BACI release CSVs (~11M rows) take the bulk path: same checks and errors, one scan.
        const r =
          kind === 'baci' && /\.csv$/i.test(file)
            ? await loadBaciCsvBulk(db, file, loadOpts)
            : await loadFile(db, importer, file, loadOpts);
        process.stderr.write(
          `${process.stderr.isTTY ? '\n' : ''}Loaded ${r.file} as source ${r.sourceId}: ${r.rows} rows ${JSON.stringify(r.byTable)}\n`,
        );
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
        write(
          `# Sources\n\n${mdTable(s.sources.map(({ sourceId, kind, file, rows, licence }) => ({ sourceId, kind, file, rows, licence })))}`,
        );
        write(
          `\n# Coverage\n\n${mdTable(s.coverage.map((c) => ({ mineral: c.mineral, dataset: c.dataset, years: c.years ? `${c.years[0]}–${c.years[1]}` : null, gap: c.gap })))}`,
        );
      });
    });

  data
    .command('pack')
    .description('write the reference pack (data/reference/) from the database')
    .option('--out <dir>', 'output folder', referencePath())
    .action(async (opts: { out: string }, cmd: Command) => {
      await withDb(cmd, async (db) => {
        const m = await writePack(db, opts.out);
        process.stderr.write(
          `Wrote ${m.tables.length} tables (${m.tables.reduce((s, t) => s + t.rows, 0)} rows) to ${opts.out}\n`,
        );
      });
    });
}
