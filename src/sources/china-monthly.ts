// China's monthly exports by destination, as China reports them to UN Comtrade, tabulated by an analyst
// (shared file trade/china-exports-monthly/deep_dive_hs6_monthly.csv: period_dt, partner_name, hs6, val, qty,
// uv; HS 250410, 380110, 811292; 39 partners; 2017-01 … 2024-12). The file derives from UN Comtrade, whose
// terms forbid redistribution: its rows never enter the reference pack (src/store/pack.ts excludes the
// dataset and the kind, as it does for comtrade).
//
// Rows: dataset 'china-monthly', exporter CHN, importer = partner_name mapped to ISO3 (NAMES below, else
// iso3FromName), hs = hs6, flow 'export' (China is the reporter), year and month from period_dt (YYYY-MM-01).
// value_usd = val (Comtrade primaryValue, U.S. dollars; exports are valued FOB); quantity_t = qty (Comtrade
// netWgt, kilograms) / 1000, null when qty is 0 against a positive value (Comtrade's "not reported", as in
// src/sources/comtrade.ts). uv (the analyst's unit value, val / qty) is derived and not stored.
// mineral = the model mineral owning the code (811292 → gallium, as for BACI: src/sources/trade-codes.ts).
import { basename } from 'node:path';
import { iso3FromName } from '../model/countries.ts';
import type { RowError } from '../model/errors.ts';
import { numOrNull, readCsv } from './csv.ts';
import { hsOwner } from './trade-codes.ts';
import type { ParsedItem } from './types.ts';

export const CHINA_MONTHLY_DATASET = 'china-monthly';

const REQUIRED = ['period_dt', 'partner_name', 'hs6', 'val', 'qty'];

/** Partner names of the file that the country vocabulary does not know. */
const NAMES: Record<string, string> = { UAE: 'ARE' };

const num = numOrNull;

export async function* parseChinaMonthly(path: string): AsyncGenerator<ParsedItem> {
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
    const period = /^(\d{4})-(\d{2})-01$/.exec(r.period_dt.trim());
    const name = r.partner_name.trim();
    const partner = NAMES[name] ?? iso3FromName(name);
    const hs6 = r.hs6.trim();
    const value = num(r.val);
    const qty = num(r.qty);
    if (!period)
      yield err('period_dt', `expected the first day of a month, YYYY-MM-01, got "${r.period_dt}"`);
    else if (!(Number(period[2]) >= 1 && Number(period[2]) <= 12))
      yield err('period_dt', `not a month: "${r.period_dt}"`);
    else if (!partner) yield err('partner_name', `unknown country name "${r.partner_name}"`);
    else if (partner === 'CHN') yield err('partner_name', 'China cannot be its own export destination');
    else if (!/^\d{6}$/.test(hs6)) yield err('hs6', `HS6 code must be six digits, got "${r.hs6}"`);
    else if (value === null || !Number.isFinite(value)) yield err('val', `not a number: "${r.val}"`);
    else if (qty !== null && !Number.isFinite(qty)) yield err('qty', `not a number: "${r.qty}"`);
    else
      yield {
        table: 'trade',
        line,
        row: {
          dataset: CHINA_MONTHLY_DATASET,
          year: Number(period[1]),
          month: Number(period[2]),
          exporter: 'CHN',
          importer: partner,
          hs: hs6,
          mineral: hsOwner(hs6)?.id ?? null,
          flow: 'export',
          value_usd: value,
          quantity_t: qty === null || (qty === 0 && value > 0) ? null : qty / 1000,
        },
      };
  }
}
