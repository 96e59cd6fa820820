// USGS Mineral Commodity Summaries 2025 world data (doi:10.5066/P13XCP3R), MCS2025_World_Data.csv: one row per
// commodity × country × series with production (2023, est. 2024), capacity and reserves (2024) columns.
// Quirks met: BOM, a space inside "PROD_EST_ 2024", trailing spaces in names, typos such as "Gemanium".
import { MINERALS } from '../model/minerals.ts';
import { readCsv } from './csv.ts';
import type { ParsedItem } from './types.ts';
import { detectEncoding, fileName, isRowError, matchSeries, usgsCountry, worldRow } from './usgs-common.ts';

export const MCS2025_COLUMNS = ['SOURCE', 'COMMODITY', 'COUNTRY', 'TYPE', 'UNIT_MEAS'];
const EDITION = 2025;

export async function* parseMcs2025(path: string): AsyncGenerator<ParsedItem> {
  const file = fileName(path);
  for await (const item of readCsv(path, { encoding: detectEncoding(path), required: MCS2025_COLUMNS })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const { line, record: r } = item;
    const commodity = r.COMMODITY.trim().toLowerCase();
    const minerals = MINERALS.filter((m) => m.usgs?.commodity2025.includes(commodity));
    if (!minerals.length || !r.COUNTRY.trim()) continue;
    const cell = usgsCountry(r.COUNTRY, file, line);
    if (isRowError(cell)) {
      yield { error: cell };
      continue;
    }
    for (const m of minerals) {
      const series = matchSeries(m, r.TYPE);
      for (const [col, rawValue] of Object.entries(r)) {
        const prod = /^PROD_(EST_)?\s*(\d{4})$/.exec(col);
        const cap = /^CAP_(EST_)?\s*(\d{4})$/.exec(col);
        const res = /^RESERVES_(\d{4})$/.exec(col);
        const measure = prod ? 'production' : cap ? 'capacity' : res ? 'reserves' : null;
        if (!measure || rawValue.trim() === '') continue;
        if (measure !== 'reserves' && !series) continue;
        if (measure === 'reserves' && minerals.length > 1) continue; // combined PGM reserves fit no one metal
        const year = Number((prod ?? cap ?? res)![prod || cap ? 2 : 1]);
        const row = worldRow(
          {
            mineral: m.id,
            measure,
            stage: measure === 'reserves' ? null : series!.stage,
            series: r.TYPE,
            cell,
            year,
            edition: EDITION,
            rawValue,
            unit: r.UNIT_MEAS.trim(),
            estimated: Boolean(prod?.[1] || cap?.[1]) || /estimated/i.test(r.TYPE),
          },
          file,
          line,
        );
        yield isRowError(row) ? { error: row } : { table: 'usgs_world', line, row };
      }
    }
  }
}
