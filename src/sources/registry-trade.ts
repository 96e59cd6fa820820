// Trade importers (kinds baci, usitc, comtrade) and the trade files `data build` loads.
//
// Build plan: BACI flows_2002.json … flows_2023.json, then the 2024 parquet instead of flows_2024.json: the
// parquet holds every 2024 flow of the same codes (21,723 rows) in thousand USD with three decimals, and
// flows_2024.json is a subset of it (15,084 distinct edges, same values), so loading both would double count
// 2024. Then the USITC DataWeb table, then China's monthly exports (China-reported UN Comtrade rows tabulated by
// an analyst: loaded into the database, never into the reference pack, src/store/pack.ts). Users' own UN
// Comtrade files are never in the plan (their terms forbid redistribution); users load them with
// `minsec data import comtrade <file>`.
import { basename, extname, join } from 'node:path';
import { parseBaciCsv } from './baci-csv.ts';
import { flowsFileYear, parseBaciFlowsJson } from './baci-flows-json.ts';
import { parseBaciParquet } from './baci-parquet.ts';
import { parseChinaMonthly } from './china-monthly.ts';
import { parseComtrade } from './comtrade.ts';
import type { Importer, PlannedFile, SourceGroup, SourceMeta } from './types.ts';
import { parseUsitc } from './usitc.ts';

const BACI_LICENCE = 'Etalab Open Licence 2.0';
const BACI_CITATION =
  'CEPII BACI: Gaulier, G. and Zignago, S. (2010), BACI: International Trade Database at the Product-Level, CEPII Working Paper 2010-23';

export const BACI_DIR = join('trade', 'baci-critical');
export const BACI_PARQUET = join(BACI_DIR, 'baci_hs17_2024_critical_hs6.parquet');
export const BACI_FLOWS_DIR = join(BACI_DIR, 'flows-by-year');
export const USITC_FILE = join(
  'trade',
  'us-usitc-dataweb',
  'processed',
  'us_trade_hts4_by_partner_1993-2026.DERIVED.csv',
);
export const CHINA_MONTHLY_FILE = join('trade', 'china-exports-monthly', 'deep_dive_hs6_monthly.csv');
/** Years taken from the per-year flow files; 2024 comes from the parquet. */
export const BACI_FLOW_YEARS = { first: 2002, last: 2023 } as const;

function baciRelease(path: string): string {
  const name = basename(path);
  const raw = /BACI_(HS\d\d)_Y(\d{4})_(V\d+\w*)/i.exec(name);
  if (raw) return `${raw[1]} ${raw[3]}, ${raw[2]}`;
  if (extname(name) === '.parquet') return 'HS17 V202601, 2024, critical HS6 codes';
  const year = flowsFileYear(path);
  if (Number.isFinite(year)) return `${year < 2018 ? 'HS02' : 'HS17'} V202601, ${year}, critical HS6 codes`;
  return 'unknown release';
}

export const baciImporter: Importer = {
  kind: 'baci',
  description:
    'CEPII BACI: the critical-code parquet, flows_YYYY.json files, or a raw release CSV (t,i,j,k,v,q)',
  tables: ['trade'],
  meta: (path): SourceMeta => ({
    kind: 'baci',
    release: baciRelease(path),
    licence: BACI_LICENCE,
    citation: BACI_CITATION,
  }),
  parse(path) {
    const ext = extname(path).toLowerCase();
    if (ext === '.parquet') return parseBaciParquet(path);
    if (ext === '.json') return parseBaciFlowsJson(path);
    return parseBaciCsv(path);
  },
};

export const usitcImporter: Importer = {
  kind: 'usitc',
  description: 'U.S. ITC DataWeb imports for consumption / domestic exports by HTS4 and partner (CSV)',
  tables: ['trade'],
  meta: () => ({
    kind: 'usitc',
    release: 'DataWeb 1993–2025 annual (retrieved 2026)',
    licence: 'U.S. government work, public domain',
    citation: 'U.S. International Trade Commission, DataWeb (dataweb.usitc.gov)',
  }),
  parse: parseUsitc,
};

export const comtradeImporter: Importer = {
  kind: 'comtrade',
  description: 'UN Comtrade CSV export (for your own files; never redistributed)',
  tables: ['trade'],
  meta: () => ({
    kind: 'comtrade',
    release: 'user export',
    licence: 'UN Comtrade terms of use: no redistribution',
    citation: 'United Nations Comtrade Database (comtradeplus.un.org)',
  }),
  parse: parseComtrade,
};

export const chinaMonthlyImporter: Importer = {
  kind: 'china-monthly',
  description:
    "China's monthly exports by destination (China-reported UN Comtrade rows, CSV period_dt, partner_name, hs6, val, qty)",
  tables: ['trade'],
  meta: () => ({
    kind: 'china-monthly',
    release: 'UN Comtrade, China as reporter, monthly exports 2017-01–2024-12 (deep_dive_hs6_monthly.csv)',
    licence: 'UN Comtrade terms of use: no redistribution',
    citation: 'United Nations Comtrade Database (comtradeplus.un.org), China as reporter, monthly exports',
  }),
  parse: parseChinaMonthly,
};

/** The trade files of a raw-data folder, in load order (a missing file stays listed: the build reports it). */
export function tradePlan(rawDir: string): PlannedFile[] {
  const plan: PlannedFile[] = [];
  for (let y = BACI_FLOW_YEARS.first; y <= BACI_FLOW_YEARS.last; y++)
    plan.push({ kind: 'baci', path: join(rawDir, BACI_FLOWS_DIR, `flows_${y}.json`) });
  plan.push({ kind: 'baci', path: join(rawDir, BACI_PARQUET) });
  plan.push({ kind: 'usitc', path: join(rawDir, USITC_FILE) });
  plan.push({ kind: 'china-monthly', path: join(rawDir, CHINA_MONTHLY_FILE) });
  return plan;
}

export const group: SourceGroup = {
  importers: [baciImporter, usitcImporter, chinaMonthlyImporter, comtradeImporter],
  plan: tradePlan,
};
