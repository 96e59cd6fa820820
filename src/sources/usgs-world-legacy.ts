// USGS Mineral Commodity Summaries 2022–2024 per-commodity world tables (mcs2024-cobal_world.csv and kin;
// doi:10.5066/P144BA54 for 2024). Units sit in the column names (Prod_t_2022, Prod_kg_est_2023, Cap_kg_2023,
// Reserves_kt); footnote letters are glued to names ("Japane"); trailing empty columns.
import { basename } from 'node:path';
import { MINERALS } from '../model/minerals.ts';
import { readCsv } from './csv.ts';
import type { ParsedItem } from './types.ts';
import { detectEncoding, isRowError, matchSeries, usgsCountry, worldRow } from './usgs-common.ts';

const UNITS: Record<string, string> = { t: 'metric tons', kt: 'thousand metric tons', kg: 'kilograms' };
const FILE_NAME = /mcs(\d{4})-([a-z-]+)_world\.csv$/i;

export const isLegacyWorldFile = (path: string) => FILE_NAME.test(basename(path));

export async function* parseLegacyWorld(path: string): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const m = FILE_NAME.exec(file);
  if (!m) {
    yield {
      error: {
        file,
        line: 0,
        message: 'not an MCS world file name (mcsYYYY-code_world.csv)',
        hint: 'keep the USGS file name, which carries the edition and commodity',
      },
    };
    return;
  }
  const edition = Number(m[1]);
  const minerals = MINERALS.filter((x) => x.usgs?.fileCode === m[2].toLowerCase());
  if (!minerals.length) return;
  for await (const item of readCsv(path, { encoding: detectEncoding(path), required: ['Country', 'Type'] })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const { line, record: r } = item;
    if (!r.Country.trim()) continue;
    const cell = usgsCountry(r.Country, file, line);
    if (isRowError(cell)) {
      yield { error: cell };
      continue;
    }
    for (const mineral of minerals) {
      const series = matchSeries(mineral, r.Type);
      for (const [col, rawValue] of Object.entries(r)) {
        const pc = /^(Prod|Cap)_(t|kt|kg)_(est_)?(\d{4})$/i.exec(col);
        const res = /^Reserves_(t|kt|kg)$/i.exec(col);
        if ((!pc && !res) || rawValue.trim() === '') continue;
        if (pc && !series) continue;
        if (res && (minerals.length > 1 || /^included/i.test(rawValue.trim()))) continue;
        const measure = res ? 'reserves' : pc![1].toLowerCase() === 'cap' ? 'capacity' : 'production';
        const row = worldRow(
          {
            mineral: mineral.id,
            measure,
            stage: res ? null : series!.stage,
            series: r.Type,
            cell,
            year: res ? edition - 1 : Number(pc![4]),
            edition,
            rawValue,
            unit: UNITS[(pc?.[2] ?? res![1]).toLowerCase()],
            estimated: Boolean(pc?.[3]),
          },
          file,
          line,
        );
        yield isRowError(row) ? { error: row } : { table: 'usgs_world', line, row };
      }
    }
  }
}
