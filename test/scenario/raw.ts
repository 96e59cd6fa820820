// Expected values for the scenario tests, read straight from the raw files in ../shared/data (not through the
// importers or the database): the USGS MCS 2026 data release and China's monthly exports.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { RAW } from '../helpers.ts';

type Row = Record<string, string>;
let mcs: Row[] | null = null;

function mcs2026(): Row[] {
  mcs ??= parse(
    readFileSync(
      join(RAW, 'production/usgs-mcs-2026/usgs_mcs2026_commodities_data.utf8.DERIVED.csv'),
      'utf8',
    ),
    { columns: true, bom: true, relax_column_count: true },
  ) as Row[];
  return mcs;
}

const num = (s: string) => Number(s.replace(/,/g, ''));

/** A value of the MCS 2026 release: chapter, Statistics_detail (exact), year, country (default United States). */
export function mcsValue(chapter: string, detail: string, year: number, country = 'United States'): number {
  const hit = mcs2026().filter(
    (r) =>
      r['MCS chapter'] === chapter &&
      r.Statistics_detail === detail &&
      r.Year === String(year) &&
      r.Country === country,
  );
  if (hit.length !== 1)
    throw new Error(`MCS 2026: ${chapter} / ${detail} / ${year} / ${country}: ${hit.length} rows`);
  return num(hit[0].Value);
}

export interface RawMonthly {
  month: string;
  partner: string;
  hs6: string;
  val: number;
  qty: number;
}

/** China's monthly exports by destination (trade/china-exports-monthly/deep_dive_hs6_monthly.csv). */
export function chinaMonthly(): RawMonthly[] {
  const rows = parse(
    readFileSync(join(RAW, 'trade/china-exports-monthly/deep_dive_hs6_monthly.csv'), 'utf8'),
    { columns: true },
  ) as Row[];
  return rows.map((r) => ({
    month: r.period_dt.slice(0, 7),
    partner: r.partner_name,
    hs6: r.hs6,
    val: Number(r.val),
    qty: Number(r.qty || 0),
  }));
}
