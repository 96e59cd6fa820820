// U.S. International Trade Commission DataWeb, U.S. imports for consumption and domestic exports by HTS4
// heading and partner (shared file us_trade_hts4_by_partner_1993-2026.DERIVED.csv: hts4, label, mineral,
// processing_stage, flow, partner, partner_iso, year, ytd_flag, value_usd, reported_mass_kg, ...,
// measurement_status). 18 selected partners, no World row (query_manifest.json: denominator_warning).
//
// Rows: dataset 'usitc', hs = HTS4, flow import (partner → USA) or export (USA → partner), month null.
// quantity_t = reported_mass_kg / 1000 where measurement_status is "reported" (a mass reported in kg); null
// where it is "quantity_incomplete" or blank.
// Year-to-date rows (ytd_flag True: January–April of each year, for comparisons) are skipped, so that every
// stored year is a full calendar year; the 2026 full-year rows are blank placeholders (the year is not over)
// and rows with neither value nor mass are skipped too. A reported zero value is kept as zero trade.
// mineral: the file's family mapped to a model id where one exists (ALIASES below), else the file's name.
import { basename } from 'node:path';
import type { RowError } from '../model/errors.ts';
import { mineralById } from '../model/minerals.ts';
import { numOrNull, readCsv } from './csv.ts';
import { knownIso3 } from './trade-codes.ts';
import type { ParsedItem } from './types.ts';

const REQUIRED = [
  'hts4',
  'mineral',
  'flow',
  'partner_iso',
  'year',
  'ytd_flag',
  'value_usd',
  'reported_mass_kg',
  'measurement_status',
];

/** The file's mineral families that are model minerals under another name. "aluminum" is HTS 2606 (ores). */
const ALIASES: Record<string, string> = {
  natural_graphite: 'graphite',
  rare_earths: 'rare-earths',
  aluminum: 'bauxite',
};

const FLOWS: Record<string, 'import' | 'export'> = {
  imports_for_consumption: 'import',
  domestic_exports: 'export',
};

export const usitcMineral = (name: string) => {
  const id = ALIASES[name] ?? name.replace(/_/g, '-');
  return mineralById(id)?.id ?? name;
};

const num = numOrNull;

export async function* parseUsitc(path: string): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  for await (const item of readCsv(path, { required: REQUIRED })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const { line, record: r } = item;
    const err = (field: string, message: string): { error: RowError } => ({
      error: { file, line, field, message },
    });
    const ytd = r.ytd_flag.trim().toLowerCase();
    if (ytd !== 'true' && ytd !== 'false') {
      yield err('ytd_flag', `expected True or False, got "${r.ytd_flag}"`);
      continue;
    }
    if (ytd === 'true') continue;
    const flow = FLOWS[r.flow.trim()];
    const partner = knownIso3(r.partner_iso);
    const year = Number(r.year);
    const value = num(r.value_usd);
    const mass = num(r.reported_mass_kg);
    if (!flow)
      yield err('flow', `unknown flow "${r.flow}" (expected imports_for_consumption or domestic_exports)`);
    else if (!partner) yield err('partner_iso', `unknown ISO3 country code "${r.partner_iso}"`);
    else if (!/^\d{4}$/.test(r.hts4.trim()))
      yield err('hts4', `HTS4 heading must be four digits, got "${r.hts4}"`);
    else if (!Number.isInteger(year) || year < 1900) yield err('year', `not a year: "${r.year}"`);
    else if (value !== null && !Number.isFinite(value))
      yield err('value_usd', `not a number: "${r.value_usd}"`);
    else if (mass !== null && !Number.isFinite(mass))
      yield err('reported_mass_kg', `not a number: "${r.reported_mass_kg}"`);
    // Every value is checked, also a mass the row does not use (measurement_status other than "reported").
    else if (mass !== null && (mass < 0 || mass > 1e13))
      yield err(
        'reported_mass_kg',
        `reported_mass_kg = ${mass} is out of range; allowed: 0 to 10¹³ kg (a plausibility bound, an assumption)`,
      );
    else if (value === null && mass === null) continue;
    else
      yield {
        table: 'trade',
        line,
        row: {
          dataset: 'usitc',
          year,
          month: null,
          exporter: flow === 'import' ? partner : 'USA',
          importer: flow === 'import' ? 'USA' : partner,
          hs: r.hts4.trim(),
          mineral: usitcMineral(r.mineral.trim()),
          flow,
          value_usd: value,
          quantity_t: r.measurement_status.trim() === 'reported' && mass !== null ? mass / 1000 : null,
        },
      };
  }
}
