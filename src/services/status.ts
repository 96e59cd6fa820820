// What the database holds: every source with its licence, rows and years, and coverage per mineral ×
// dataset with the gaps named (a dataset with no rows for a mineral is a gap, not a zero).
//
// BACI trade is counted by HS code, over every code the model lists for the mineral (the hs_codes table,
// written from src/model/minerals.ts), the way the assessment reads it: a shared code (811292: gallium,
// germanium, hafnium, …) is stored once, under its owner's mineral label, and counts for every mineral that
// lists it, with a note that its rows are the code's, not that mineral's alone.
import { MINERALS } from '../model/minerals.ts';
import type { Coverage, DataStatus, SourceStatus } from '../model/results/status.ts';
import type { Db } from '../store/db.ts';
import { SCHEMA_VERSION, TABLES } from '../store/schema.ts';

export type { Coverage, DataStatus, SourceStatus };

/** Datasets per mineral: the SQL yielding (mineral, year, rows, codes). */
const DATASETS: Record<string, string> = {
  'usgs-production': `SELECT mineral, year, count(*) n, NULL codes FROM production WHERE row_kind = 'country' GROUP BY ALL`,
  'usgs-reserves': `SELECT mineral, year, count(*) n, NULL codes FROM reserves WHERE row_kind = 'country' GROUP BY ALL`,
  'usgs-net-import-reliance': `SELECT mineral, year, count(*) n, NULL codes FROM usgs_nir GROUP BY ALL`,
  'baci-trade': `SELECT h.mineral, t.year, count(*) n, list(DISTINCT t.hs) codes
                 FROM trade t JOIN (SELECT DISTINCT hs6, mineral FROM hs_codes) h ON t.hs = h.hs6
                 WHERE t.dataset = 'baci' GROUP BY ALL`,
  'usitc-trade': `SELECT mineral, year, count(*) n, NULL codes FROM trade WHERE dataset = 'usitc' GROUP BY ALL`,
};

/** Known gaps in the shared data (SOURCES.md), named where they apply. */
const KNOWN_GAPS: Record<string, string> = {
  'molybdenum/baci-trade':
    'no molybdenum trade in the shared data (HS 2613, 8102, 720270; SOURCES.md known gap)',
  'molybdenum/usitc-trade': 'the USITC extract has no molybdenum (SOURCES.md)',
  'germanium/usgs-production': 'germanium has no world production table in any MCS edition (SOURCES.md)',
  'germanium/usgs-reserves': 'germanium has no world production table in any MCS edition (SOURCES.md)',
};

/** The replacement part of a source's notes (a load writes its rows per table first, as JSON). */
function replacedNote(notes: unknown): string | null {
  if (typeof notes !== 'string' || notes === '') return null;
  if (!notes.startsWith('{')) return notes;
  const i = notes.indexOf('}; ');
  return i >= 0 ? notes.slice(i + 3) : null;
}

export async function dataStatus(db: Db): Promise<DataStatus> {
  const yearTables = Object.values(TABLES).filter((t) => t.columns.some((c) => c.name === 'year'));
  const years = await db.all<{ source_id: number; lo: number; hi: number }>(
    `SELECT source_id, min(year) lo, max(year) hi FROM (${yearTables.map((t) => `SELECT source_id, year FROM ${t.name}`).join(' UNION ALL ')}) GROUP BY source_id`,
  );
  const yearsById = new Map(years.map((y) => [y.source_id, [y.lo, y.hi] as [number, number]]));
  const sources = (await db.all<Record<string, unknown>>(`SELECT * FROM sources ORDER BY source_id`)).map(
    (s): SourceStatus => ({
      sourceId: s.source_id as number,
      kind: s.kind as string,
      file: s.file as string,
      release: s.release as string | null,
      licence: s.licence as string,
      citation: s.citation as string,
      sha256: s.sha256 as string,
      rows: s.rows as number,
      years: yearsById.get(s.source_id as number) ?? null,
      fromPack: s.from_pack as boolean,
      loadedAt: String(s.loaded_at),
      notes: replacedNote(s.notes),
    }),
  );

  const shared = new Map(
    (
      await db.all<{ hs6: string; mineral: string; shared_with: string }>(
        `SELECT DISTINCT hs6, mineral, shared_with FROM hs_codes WHERE shared_with <> ''`,
      )
    ).map((h) => [`${h.mineral}|${h.hs6}`, h.shared_with.split(';')]),
  );
  const coverage: Coverage[] = [];
  for (const [dataset, sql] of Object.entries(DATASETS)) {
    const rows = await db.all<{ mineral: string; year: number; n: number; codes: string[] | null }>(sql);
    for (const m of MINERALS) {
      const mine = rows.filter((r) => r.mineral === m.id).map((r) => r.year);
      const n = rows.filter((r) => r.mineral === m.id).reduce((s, r) => s + r.n, 0);
      if (!mine.length) {
        coverage.push({
          mineral: m.id,
          dataset,
          years: null,
          missingYears: [],
          rows: 0,
          gap: KNOWN_GAPS[`${m.id}/${dataset}`] ?? `no ${dataset} rows for ${m.id}`,
          codes: null,
          note: null,
        });
        continue;
      }
      const codes = rows.some((r) => r.mineral === m.id && r.codes)
        ? [...new Set(rows.filter((r) => r.mineral === m.id).flatMap((r) => r.codes ?? []))].sort()
        : null;
      const sharedCodes = (codes ?? []).filter((c) => shared.has(`${m.id}|${c}`));
      const lo = Math.min(...mine);
      const hi = Math.max(...mine);
      const have = new Set(mine);
      const missingYears = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).filter((y) => !have.has(y));
      coverage.push({
        mineral: m.id,
        dataset,
        years: [lo, hi],
        missingYears,
        rows: n,
        gap: missingYears.length ? `years missing: ${missingYears.join(', ')}` : null,
        codes,
        note: sharedCodes.length
          ? sharedCodes
              .map(
                (c) =>
                  `HS ${c} is shared with ${shared
                    .get(`${m.id}|${c}`)!
                    .filter((x) => x !== m.id)
                    .join(', ')}: its rows are the code's, not ${m.id}'s alone`,
              )
              .join('; ')
          : null,
      });
    }
  }
  return {
    schemaVersion: db.meta.version ?? SCHEMA_VERSION,
    sources,
    coverage,
    gaps: coverage.filter((c) => c.gap),
  };
}
