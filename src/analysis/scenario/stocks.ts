// Stocks a country can draw on at the start of a scenario, in tonnes of contained metal and days of its demand:
// the best cited estimate of actual holdings (the default run) and the policy target (the second run beside it).
// Pure: the caller passes the stock facts (src/catalog/scenario-stocks.yaml) and the U.S. salient rows.
//   tonnes = days × demand per year / 365 (365-day year), or the USGS year-end stock in tonnes (U.S.),
//   days   = tonnes ÷ (demand per year / 365).
// A level without a cited figure is 0 t with its reason (nothing is drawn that no source says exists), and the
// output says so; the U.S. National Defense Stockpile's inventories are not in the shared data, its shipments
// (USGS salient) are reported beside the stock.
import { type SalientRow, type SeriesParts, salientValue } from './salient.ts';

export interface StockFactLevel {
  days?: number | null;
  salient?: boolean;
  asOf?: string;
  reason?: string;
  note?: string;
  assumption: boolean;
  source: { title: string; url: string };
}

export interface StockFact {
  country: string;
  holder: string;
  actual: StockFactLevel;
  target: StockFactLevel;
}

export interface StockLevel {
  tonnes: number;
  days: number;
  /** 'cited_days' | 'usgs_salient' | 'spec' | 'none'. */
  basis: 'cited_days' | 'usgs_salient' | 'spec' | 'none';
  label: string;
  reason: string | null;
  assumption: boolean;
  rows: { sourceId: number; sourceLine: number }[];
  citations: { title: string; url: string }[];
}

export interface StockEstimate {
  country: string;
  mineral: string;
  holder: string | null;
  actual: StockLevel;
  /** null where the country has no target (the target run then uses the actual stock). */
  target: StockLevel | null;
  /** U.S. National Defense Stockpile shipments in the baseline year (USGS), tonnes; null when not published. */
  governmentShipmentsT: number | null;
  governmentShipmentsLabel: string | null;
}

/** USGS salient year-end stock series per mineral (consumer or industry stocks; contained metal). */
export const US_STOCK_SERIES: Record<string, SeriesParts> = {
  cobalt: [[/^Stocks, yearend: Industry$/, /^Stocks_Industry_t$/]],
  gallium: [[/^Stocks, consumer, yearend$/, /^Stocks_kg$/]],
  tungsten: [[/^Stocks, industry, concentrate and other forms, yearend$/, /^Stocks_t$/]],
  molybdenum: [[/^Stocks, consumer materials$/, /^Stocks_t$/]],
};

/** USGS salient shipments from the Government (National Defense) stockpile per mineral. */
export const US_NDS_SHIPMENTS: Record<string, SeriesParts> = {
  tungsten: [
    [/^Shipments from Government stockpile: Concentrate$/, /^Shipments_Concentrate_t$/],
    [/^Shipments from Government stockpile: Other forms$/, /^Shipments_Other_t$/],
  ],
  germanium: [[/^Shipments from Government stockpile$/]],
};

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : String(+x.toPrecision(3)));

function fromDays(
  level: StockFactLevel,
  holder: string,
  perDayT: number,
  what: 'actual' | 'target',
): StockLevel {
  const cite = [level.source];
  if (level.days === null || level.days === undefined)
    return {
      tonnes: 0,
      days: 0,
      basis: 'none',
      label: `${what}: no stock counted — ${level.reason ?? 'no cited figure'}`,
      reason: level.reason ?? 'not_reported',
      assumption: false,
      rows: [],
      citations: cite,
    };
  return {
    tonnes: level.days * perDayT,
    days: level.days,
    basis: 'cited_days',
    label: `${what}: ${level.days} days of demand (${holder}${level.asOf ? `, ${level.asOf}` : ''}) = ${fmt(level.days * perDayT)} t${level.assumption ? ' (applied to this mineral: assumption)' : ''}`,
    reason: null,
    assumption: level.assumption,
    rows: [],
    citations: cite,
  };
}

/** Actual and target stock of one country and mineral for a demand of `perYearT` tonnes. */
export function stockEstimate(o: {
  country: string;
  mineral: string;
  year: number;
  perYearT: number;
  fact: StockFact | undefined;
  salient: readonly SalientRow[];
}): StockEstimate {
  const perDay = o.perYearT / 365;
  const none = (why: string): StockLevel => ({
    tonnes: 0,
    days: 0,
    basis: 'none',
    label: `no stock counted — ${why}`,
    reason: why,
    assumption: false,
    rows: [],
    citations: [],
  });
  let shipments: number | null = null;
  let shipmentsLabel: string | null = null;
  const nds = o.country === 'USA' ? US_NDS_SHIPMENTS[o.mineral] : undefined;
  if (nds) {
    const v = salientValue(o.salient, nds, o.year);
    shipments = v.value;
    shipmentsLabel =
      v.value !== null
        ? `National Defense Stockpile shipments ${o.year}: ${fmt(v.value)} t (USGS ${v.series.join(' + ')}, MCS ${v.edition})`
        : `National Defense Stockpile shipments ${o.year}: ${v.reason ?? 'not published'} (USGS)`;
  }
  if (!o.fact)
    return {
      country: o.country,
      mineral: o.mineral,
      holder: null,
      actual: none('not_reported: no stockpile fact for this country in src/catalog/scenario-stocks.yaml'),
      target: null,
      governmentShipmentsT: shipments,
      governmentShipmentsLabel: shipmentsLabel,
    };
  let actual: StockLevel;
  if (o.fact.actual.salient) {
    const parts = US_STOCK_SERIES[o.mineral];
    const v = parts ? salientValue(o.salient, parts, o.year) : null;
    if (!v || v.value === null || v.bound)
      actual = none(
        v
          ? `USGS year-end stocks ${o.year} are ${v.reason ?? 'not published'}${v.series.length ? ` (${v.series.join(' + ')})` : ''}`
          : `USGS publishes no consumer or industry stock series for ${o.mineral}`,
      );
    else
      actual = {
        tonnes: v.value,
        days: perDay > 0 ? v.value / perDay : 0,
        basis: 'usgs_salient',
        label: `actual: USGS ${v.series.join(' + ')} ${o.year} (MCS ${v.edition}) = ${fmt(v.value)} t = ${fmt(perDay > 0 ? v.value / perDay : 0)} days of demand`,
        reason: null,
        assumption: true,
        rows: v.rows,
        citations: [o.fact.actual.source],
      };
  } else actual = fromDays(o.fact.actual, o.fact.holder, perDay, 'actual');
  const target =
    o.fact.target.days === null || o.fact.target.days === undefined
      ? null
      : fromDays(o.fact.target, o.fact.holder, perDay, 'target');
  return {
    country: o.country,
    mineral: o.mineral,
    holder: o.fact.holder,
    actual,
    target,
    governmentShipmentsT: shipments,
    governmentShipmentsLabel: shipmentsLabel,
  };
}
