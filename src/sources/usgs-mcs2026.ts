// USGS Mineral Commodity Summaries 2026 data release (doi:10.5066/P1WKQ63T): one long table for all 89
// chapters. Loads, for the chapters the mineral model maps: world production, capacity and reserves
// (usgs_world), U.S. salient statistics (usgs_salient), net import reliance (usgs_nir) and U.S. import
// sources (usgs_import_sources). Chapters outside the model are passed over.
import { MINERALS, type Mineral } from '../model/minerals.ts';
import { readCsv } from './csv.ts';
import type { ParsedItem } from './types.ts';
import { detectEncoding, fileName, isRowError, matchSeries, usgsCountry, worldRow } from './usgs-common.ts';
import { parseUsgsValue } from './usgs-values.ts';

export const MCS2026_COLUMNS = [
  'MCS chapter',
  'Section',
  'Commodity',
  'Country',
  'Statistics',
  'Statistics_detail',
  'Unit',
  'Year',
  'Value',
  'Notes',
];
const EDITION = 2026;

const byChapter = new Map<string, Mineral[]>();
for (const m of MINERALS)
  if (m.usgs) byChapter.set(m.usgs.chapter2026, [...(byChapter.get(m.usgs.chapter2026) ?? []), m]);

export async function* parseMcs2026(path: string): AsyncGenerator<ParsedItem> {
  const file = fileName(path);
  for await (const item of readCsv(path, {
    encoding: detectEncoding(path),
    required: MCS2026_COLUMNS,
    strictColumns: true,
  })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const { line, record: r } = item;
    const minerals = byChapter.get(r['MCS chapter'].trim());
    if (!minerals) continue;
    const section = r.Section;
    const detail = r.Statistics_detail.trim();
    const estimated = /estimated/i.test(r.Notes);

    if (section.startsWith('Salient')) {
      const v = parseUsgsValue(r.Value);
      const year = Number(r.Year);
      if (!v || !Number.isInteger(year)) {
        yield {
          error: {
            file,
            line,
            field: v ? 'Year' : 'Value',
            message: `cannot read ${v ? `year "${r.Year}"` : `value "${r.Value}"`}`,
          },
        };
        continue;
      }
      for (const m of minerals) {
        if (minerals.length > 1 && !matchSeries(m, detail) && !detail.toLowerCase().includes(m.id)) continue;
        if (r.Statistics === 'Net import reliance')
          yield {
            table: 'usgs_nir',
            line,
            row: {
              mineral: m.id,
              series: detail,
              year,
              edition: EDITION,
              value: v.value,
              code: v.code === 'W' || v.code === 'NA' || v.code === 'E' ? v.code : null,
              bound: v.bound,
              raw: r.Value,
            },
          };
        yield {
          table: 'usgs_salient',
          line,
          row: {
            mineral: m.id,
            statistic: r.Statistics,
            series: detail,
            year,
            edition: EDITION,
            value: v.value,
            unit: r.Unit,
            null_reason: v.nullReason,
            bound: v.bound,
            estimated,
            raw: r.Value,
          },
        };
      }
      continue;
    }

    const cell = usgsCountry(r.Country, file, line);
    if (isRowError(cell)) {
      yield { error: cell };
      continue;
    }

    if (section === 'Import Sources') {
      const v = parseUsgsValue(r.Value);
      for (const m of minerals) {
        if (minerals.length > 1 && !detail.toLowerCase().includes(m.id)) continue;
        yield {
          table: 'usgs_import_sources',
          line,
          row: {
            mineral: m.id,
            series: detail,
            country: cell.country,
            country_label: cell.country_label,
            row_kind: cell.row_kind,
            period: r.Year,
            edition: EDITION,
            share_pct: v?.value ?? null,
          },
        };
      }
      continue;
    }

    if (!section.startsWith('World')) continue;
    const year = Number(r.Year);
    if (!Number.isInteger(year)) {
      yield { error: { file, line, field: 'Year', message: `not a year: "${r.Year}"` } };
      continue;
    }
    for (const m of minerals) {
      const measure =
        r.Statistics === 'Reserves'
          ? 'reserves'
          : r.Statistics === 'Capacity'
            ? 'capacity'
            : r.Statistics === 'Production'
              ? 'production'
              : null;
      if (!measure) continue;
      const series = matchSeries(m, detail.replace(/^production capacity/i, 'Primary production'));
      // Reserves: single-mineral chapters own their reserves; PGM reserves are combined and fit no one metal.
      if (measure === 'reserves' ? minerals.length > 1 : !series) continue;
      const row = worldRow(
        {
          mineral: m.id,
          measure,
          stage: measure === 'reserves' ? null : series!.stage,
          series: detail,
          cell,
          year,
          edition: EDITION,
          rawValue: r.Value,
          unit: r.Unit,
          estimated,
        },
        file,
        line,
      );
      yield isRowError(row) ? { error: row } : { table: 'usgs_world', line, row };
    }
  }
}
