// UN Comtrade CSV exports (Comtrade+ API / bulk download columns: freqCode, refYear, refMonth, reporterCode,
// reporterISO, flowCode, partnerCode, partnerISO, partner2Code, customsCode, mosCode, motCode, cmdCode,
// primaryValue, netWgt, ...), for users who hold such files. UN Comtrade terms forbid redistribution: these
// rows are never part of `data build` or the reference pack; users load them with `data import comtrade`.
//
// Mapping: reporter = reporterISO when it is a known ISO3, else reporterCode (ISO numeric, Comtrade uses the
// same codes as BACI: 842 USA, 490 Taiwan, 699 India, ...); partner code 0 / ISO "W00" (World) → 'WLD'.
// flowCode M: partner → reporter, flow 'import'; X: reporter → partner, flow 'export'. Re-exports and
// re-imports (RX, RM) and domestic/foreign splits (DX, FM) are subsets of X/M and are skipped, as are the
// breakdown rows by second partner, customs procedure, mode of supply or transport (only the totals,
// code 0 / C00, are kept) — storing both would double count. value_usd = primaryValue; quantity_t = netWgt
// (kg) / 1000, null when blank, or 0 against a positive value (Comtrade's "not reported").
// month = refMonth for monthly data (freqCode M), null for annual. mineral = the model mineral whose HS codes
// fall under cmdCode when exactly one does, else the file's own commodity label (Mineral / commodity_name,
// mapped to a model id when it names one), else null.
// Identical duplicate rows that tag one flow under several minerals (the shared exports' Mineral column, e.g.
// "Heavy REE" and "Light REE" for HS 2846) are loaded once; a repeat under the same label, or with different
// numbers, is a row error naming both lines.
import { basename } from 'node:path';
import { foldName } from '../model/countries.ts';
import type { RowError } from '../model/errors.ts';
import { MINERALS, mineralById } from '../model/minerals.ts';
import { readCsv } from './csv.ts';
import { knownIso3, mineralsUnderHs, tradeIso3FromNumeric } from './trade-codes.ts';
import type { ParsedItem } from './types.ts';

const REQUIRED = ['refYear', 'reporterCode', 'flowCode', 'partnerCode', 'cmdCode', 'primaryValue', 'netWgt'];
const FLOWS: Record<string, 'import' | 'export'> = { M: 'import', X: 'export' };
const SUBSET_FLOWS = new Set(['RX', 'RM', 'DX', 'FM']);
/** Breakdown columns and the code of their total. */
const TOTALS: [string, string][] = [
  ['partner2Code', '0'],
  ['customsCode', 'C00'],
  ['mosCode', '0'],
  ['motCode', '0'],
];

/** Comtrade commodity labels (as in the shared exports) → model ids. */
const LABELS: Record<string, string> = {
  'heavy ree': 'rare-earths',
  'light ree': 'rare-earths',
  'rare earths': 'rare-earths',
};

export function comtradeMineral(cmdCode: string, label: string): string | null {
  const under = mineralsUnderHs(cmdCode);
  if (under.length === 1) return under[0].id;
  const folded = foldName(label);
  if (!folded) return null;
  const id =
    LABELS[folded] ??
    mineralById(folded.replace(/ /g, '-'))?.id ??
    MINERALS.find((m) => foldName(m.name) === folded)?.id;
  return id ?? folded;
}

function country(iso: string | undefined, code: string): string | undefined {
  const c = code.trim();
  if (c === '0' || iso?.trim() === 'W00') return 'WLD';
  const fromIso = iso ? knownIso3(iso) : undefined;
  if (fromIso) return fromIso;
  return /^\d+$/.test(c) ? tradeIso3FromNumeric(Number(c)) : undefined;
}

const num = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : Number(s));

export async function* parseComtrade(path: string): AsyncGenerator<ParsedItem> {
  const file = basename(path);
  const seen = new Map<string, { numbers: string; line: number; label: string }>();
  for await (const item of readCsv(path, { required: REQUIRED })) {
    if ('error' in item) {
      yield item;
      continue;
    }
    const { line, record: r } = item;
    const err = (field: string, message: string): { error: RowError } => ({
      error: { file, line, field, message },
    });
    const flowCode = r.flowCode.trim();
    if (SUBSET_FLOWS.has(flowCode)) continue;
    if (
      TOTALS.some(([col, total]) => r[col] !== undefined && r[col].trim() !== '' && r[col].trim() !== total)
    )
      continue;
    const flow = FLOWS[flowCode];
    const reporter = country(r.reporterISO, r.reporterCode);
    const partner = country(r.partnerISO, r.partnerCode);
    const year = Number(r.refYear);
    const monthly = r.freqCode?.trim() === 'M';
    const month = monthly ? Number(r.refMonth) : null;
    const value = num(r.primaryValue);
    const weight = num(r.netWgt);
    const cmd = r.cmdCode.trim();
    if (!flow) yield err('flowCode', `unknown flowCode "${r.flowCode}" (expected M or X)`);
    else if (!/^\d{4}$/.test(r.refYear.trim()) || year < 1900)
      yield err('refYear', `not a year: "${r.refYear}"`);
    else if (month !== null && !(Number.isInteger(month) && month >= 1 && month <= 12))
      yield err('refMonth', `not a month: "${r.refMonth}"`);
    else if (!reporter)
      yield err('reporterCode', `unknown reporter "${r.reporterISO ?? ''}" / ${r.reporterCode}`);
    else if (!partner) yield err('partnerCode', `unknown partner "${r.partnerISO ?? ''}" / ${r.partnerCode}`);
    else if (!cmd) yield err('cmdCode', 'commodity code is empty');
    else if (value === null || !Number.isFinite(value))
      yield err('primaryValue', `not a number: "${r.primaryValue}"`);
    else if (weight !== null && !Number.isFinite(weight)) yield err('netWgt', `not a number: "${r.netWgt}"`);
    else {
      const key = [year, month, reporter, partner, flow, cmd].join('|');
      const numbers = `${value}|${weight}`;
      const label = (r.Mineral ?? r.commodity_name ?? '').trim();
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        if (earlier.numbers !== numbers)
          yield err(
            'primaryValue',
            `row repeats ${key} of line ${earlier.line} with different numbers (${numbers} vs ${earlier.numbers})`,
          );
        else if (earlier.label === label)
          yield err(
            'cmdCode',
            `duplicate of line ${earlier.line}: the same ${key} under the same label "${label}"`,
          );
        continue;
      }
      seen.set(key, { numbers, line, label });
      yield {
        table: 'trade',
        line,
        row: {
          dataset: 'comtrade',
          year,
          month,
          exporter: flow === 'import' ? partner : reporter,
          importer: flow === 'import' ? reporter : partner,
          hs: cmd,
          mineral: comtradeMineral(cmd, r.Mineral ?? r.commodity_name ?? ''),
          flow,
          value_usd: value,
          quantity_t: weight === null || (weight === 0 && value > 0) ? null : weight / 1000,
        },
      };
    }
  }
}
