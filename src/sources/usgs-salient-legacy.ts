// USGS Mineral Commodity Summaries 2022–2025 per-commodity U.S. salient statistics (mcs2025-cobal_salient.csv
// and kin): one row per year, one column per statistic with its unit in the name (Imports_t, Price_Spot_dlb,
// NIR_pct). Every statistic goes to usgs_salient (series = the column name); the net import reliance column
// (NIR_pct; "NIR_ct" in the 2025 tungsten file) also goes to usgs_nir, with E for net exporter and bounds kept.
import { basename } from 'node:path';
import { MINERALS } from '../model/minerals.ts';
import { readCsv } from './csv.ts';
import type { ParsedItem } from './types.ts';
import { detectEncoding } from './usgs-common.ts';
import { parseUsgsValue } from './usgs-values.ts';

const FILE_NAME = /mcs(\d{4})-([a-z-]+)_salient\.csv$/i;
const NIR = /^NIR_/i;
const UNITS: Record<string, string> = {
  t: 'metric tons',
  kg: 'kilograms',
  g: 'grams',
  pct: 'percent',
  ct: 'percent',
  dlb: 'dollars per pound',
  dkg: 'dollars per kilogram',
  dt: 'dollars per metric ton unit',
};

export const isLegacySalientFile = (path: string) => FILE_NAME.test(basename(path));

/** True when a header is the salient-statistics shape (a year per row and a net import reliance column). */
export const isSalientHeader = (head: string) =>
  /^DataSource,Commodity,Year,/.test(head) && /,NIR_/i.test(head);

export async function* parseLegacySalient(path: string): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const m = FILE_NAME.exec(file)!;
  const edition = Number(m[1]);
  const minerals = MINERALS.filter((x) => x.usgs?.fileCode === m[2].toLowerCase() && x.usgs.series.length);
  // The PGM chapter carries platinum and palladium together: its salient rows fit no one metal.
  if (minerals.length !== 1) return;
  const mineral = minerals[0].id;
  for await (const item of readCsv(path, {
    encoding: detectEncoding(path),
    required: ['DataSource', 'Year'],
  })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const { line, record: r } = item;
    const year = Number(r.Year);
    if (!Number.isInteger(year)) {
      yield { error: { file, line, field: 'Year', message: `not a year: "${r.Year}"` } };
      continue;
    }
    for (const [col, raw] of Object.entries(r)) {
      if (!col || ['DataSource', 'Commodity', 'Year'].includes(col) || raw.trim() === '') continue;
      const v = parseUsgsValue(raw);
      if (!v) {
        yield {
          error: {
            file,
            line,
            field: col,
            message: `not a USGS value: "${raw}"`,
            hint: 'expected a number, —, W, NA, E or a bound like >50',
          },
        };
        continue;
      }
      const suffix = /_([a-z]+)$/i.exec(col)?.[1].toLowerCase() ?? '';
      if (NIR.test(col))
        yield {
          table: 'usgs_nir',
          line,
          row: {
            mineral,
            series: col,
            year,
            edition,
            value: v.value,
            code: v.code === 'E' || v.code === 'W' || v.code === 'NA' ? v.code : null,
            bound: v.bound,
            raw,
          },
        };
      yield {
        table: 'usgs_salient',
        line,
        row: {
          mineral,
          statistic: col.split('_')[0],
          series: col,
          year,
          edition,
          value: v.value,
          unit: UNITS[suffix] ?? suffix,
          null_reason: v.nullReason,
          bound: v.bound,
          estimated: v.estimated,
          raw,
        },
      };
    }
  }
}
