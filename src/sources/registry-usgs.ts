// USGS Mineral Commodity Summaries importers (kind usgs-mcs) and the USGS files `data build` loads.
import { closeSync, existsSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MINERALS } from '../model/minerals.ts';
import type { Importer, ParsedItem, PlannedFile, SourceGroup } from './types.ts';
import { USGS_LICENCE } from './usgs-common.ts';
import { parseMcs2025 } from './usgs-mcs2025.ts';
import { parseMcs2026 } from './usgs-mcs2026.ts';
import { isLegacySalientFile, isSalientHeader, parseLegacySalient } from './usgs-salient-legacy.ts';
import { isLegacyWorldFile, parseLegacyWorld } from './usgs-world-legacy.ts';

const DOI: Record<number, string> = {
  2026: 'doi:10.5066/P1WKQ63T',
  2025: 'doi:10.5066/P13XCP3R',
  2024: 'doi:10.5066/P144BA54',
};

function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return buf
      .subarray(0, n)
      .toString('latin1')
      .replace(/^\xef\xbb\xbf/, '')
      .split(/\r?\n/)[0];
  } finally {
    closeSync(fd);
  }
}

type Shape = 2026 | 2025 | 'legacy' | 'salient';
function shapeOf(path: string): Shape | null {
  const head = firstLine(path);
  if (head.includes('Statistics_detail')) return 2026;
  if (head.includes('COMMODITY') && head.includes('UNIT_MEAS')) return 2025;
  if (/^Source,Country,Type/.test(head) && isLegacyWorldFile(path)) return 'legacy';
  if (isSalientHeader(head) && isLegacySalientFile(path)) return 'salient';
  return null;
}

function editionOf(path: string): number {
  const shape = shapeOf(path);
  if (shape === 2026 || shape === 2025) return shape;
  return Number(/mcs(\d{4})/i.exec(basename(path))?.[1] ?? 0);
}

export const usgsMcs: Importer = {
  kind: 'usgs-mcs',
  description:
    'USGS Mineral Commodity Summaries: MCS 2026 long table, MCS 2025 World_Data.csv, MCS 2022–2024 mcsYYYY-code_world.csv',
  tables: ['usgs_world', 'usgs_nir', 'usgs_salient', 'usgs_import_sources'],
  meta(path) {
    const edition = editionOf(path);
    return {
      kind: 'usgs-mcs',
      release: `Mineral Commodity Summaries ${edition}${DOI[edition] ? ` (${DOI[edition]})` : ''}`,
      licence: USGS_LICENCE,
      citation: `U.S. Geological Survey, ${edition}, Mineral Commodity Summaries ${edition}: U.S. Geological Survey data release${DOI[edition] ? `, ${DOI[edition]}` : ''}.`,
    };
  },
  parse(path): AsyncIterable<ParsedItem> {
    const shape = shapeOf(path);
    if (shape === 2026) return parseMcs2026(path);
    if (shape === 2025) return parseMcs2025(path);
    if (shape === 'legacy') return parseLegacyWorld(path);
    if (shape === 'salient') return parseLegacySalient(path);
    return (async function* () {
      yield {
        error: {
          file: basename(path),
          line: 1,
          message: `not a USGS MCS table: header "${firstLine(path).slice(0, 80)}"`,
          hint: 'expected the MCS 2026 long table, MCS2025_World_Data.csv or an mcsYYYY-code_world.csv file',
        },
      } satisfies ParsedItem;
    })();
  },
};

/**
 * MCS 2026 (cp1252 original), MCS 2025 world data, the 2022–2024 world tables and the 2022–2025 U.S. salient
 * tables of modelled minerals (a file named _salient whose content is another table, such as MCS 2024's
 * cobalt file, is passed over).
 */
function plan(rawDir: string): PlannedFile[] {
  const prod = join(rawDir, 'production');
  const files: PlannedFile[] = [
    { kind: 'usgs-mcs', path: join(prod, 'usgs-mcs-2026', 'usgs_mcs2026_commodities_data.csv') },
    { kind: 'usgs-mcs', path: join(prod, 'usgs-mcs-2025', 'world', 'MCS2025_World_Data.csv') },
  ];
  const codes = new Set(MINERALS.flatMap((m) => (m.usgs ? [m.usgs.fileCode] : [])));
  for (const dir of [
    join(prod, 'usgs-mcs-2024', 'world'),
    join(prod, 'usgs-mcs-2023', 'world'),
    join(prod, 'usgs-mcs-2022'),
  ]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const code = /mcs\d{4}-([a-z-]+)_world\.csv$/i.exec(f)?.[1];
      if (code && codes.has(code)) files.push({ kind: 'usgs-mcs', path: join(dir, f) });
    }
  }
  const salientDirs = ['usgs-mcs-2025', 'usgs-mcs-2024', 'usgs-mcs-2023'].map((d) =>
    join(prod, d, 'salient'),
  );
  for (const dir of [...salientDirs, join(prod, 'usgs-mcs-2022')]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      const code = /mcs\d{4}-([a-z-]+)_salient\.csv$/i.exec(f)?.[1];
      const path = join(dir, f);
      const single = MINERALS.filter((m) => m.usgs?.fileCode === code).length === 1; // PGM tables mix two metals
      if (code && single && isSalientHeader(firstLine(path))) files.push({ kind: 'usgs-mcs', path });
    }
  }
  return files;
}

export const group: SourceGroup = { importers: [usgsMcs], plan };
