// The brief's first lines: what a run means for a minister, in one sentence per country and one for the pool.
// Each line is a message key with its parameters (for the briefs' ko/ja/en locales) and its English text. Per
// country the binding mineral is the one whose stock runs out first (smallest TTS; ties: the largest shortfall in
// days of demand). Pure: reads the assembled outcome only.
import type { CountryOutcome, PoolingOutcome } from './outcome.ts';

export interface BriefItem {
  key: string;
  params: Record<string, string | number>;
  text: string;
}

const NAMES: Record<string, string> = { KOR: 'Korea', JPN: 'Japan', USA: 'the United States' };
export const countryName = (c: string) => NAMES[c] ?? c;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const nT = (x: number) => (x >= 100 ? n0(x) : String(+x.toPrecision(2)));

export interface StockInfo {
  country: string;
  mineral: string;
  days: number;
  tonnes: number;
}

export interface TargetInfo {
  country: string;
  mineral: string;
  targetDays: number;
  ttsTarget: number;
  daysGainedByTarget: number;
}

/** Per country × mineral, the run without any agreement (the brief's stock lines read it). */
export interface NoPoolStats {
  country: string;
  mineral: string;
  ttsMonths: number;
  ttsCensored: boolean;
  ttsBeforeTtr: boolean;
  cumulativeShortfall: number;
  cumulativeShortfallDays: number;
}

export function briefItems(o: {
  countries: readonly CountryOutcome[];
  noPool: readonly NoPoolStats[] | null;
  modelled: readonly string[];
  stocks: readonly StockInfo[];
  pooling: PoolingOutcome | null;
  target: readonly TargetInfo[] | null;
  horizonMonths: number;
  gaps: readonly { mineral: string; country: string | null; reason: string }[];
}): BriefItem[] {
  const items: BriefItem[] = [];
  for (const country of o.modelled) {
    const rows = o.countries
      .filter((c) => c.country === country)
      .map((c) => {
        const np = o.noPool?.find((x) => x.country === c.country && x.mineral === c.mineral);
        return np ? { ...c, ...np } : c;
      });
    if (!rows.length) continue;
    const binding = [...rows].sort(
      (a, b) => a.ttsMonths - b.ttsMonths || b.cumulativeShortfallDays - a.cumulativeShortfallDays,
    )[0];
    const stock = o.stocks.find((s) => s.country === country && s.mineral === binding.mineral);
    const name = countryName(country);
    if (binding.cumulativeShortfall <= 0 && binding.recovery.by === 'no_shortfall') {
      items.push({
        key: 'scenario.brief.noShortfall',
        params: { country, minerals: rows.map((r) => r.mineral).join(', ') },
        text: `${cap(name)} faces no shortfall of ${rows.map((r) => r.mineral).join(' or ')} in this run.`,
      });
      continue;
    }
    const lasts = binding.ttsCensored
      ? `covers the whole ${binding.ttsMonths}-month horizon`
      : `lasts ${binding.ttsMonths} month${binding.ttsMonths === 1 ? '' : 's'} after the cut`;
    const stockText = stock
      ? `${cap(name)}: the ${binding.mineral} stock (${n0(stock.days)} days, ${nT(stock.tonnes)} t)`
      : `${cap(name)}: the ${binding.mineral} stock`;
    const runsOut = binding.ttsBeforeTtr ? ' and runs out before supply recovers' : '';
    items.push({
      key: 'scenario.brief.stock',
      params: {
        country,
        mineral: binding.mineral,
        days: Math.round(stock?.days ?? 0),
        tonnes: stock?.tonnes ?? 0,
        tts: binding.ttsMonths,
        censored: binding.ttsCensored ? 1 : 0,
        shortfallDays: Math.round(binding.cumulativeShortfallDays),
        shortfallT: binding.cumulativeShortfall,
      },
      text:
        `${stockText} ${lasts}${o.noPool ? ' without an agreement' : ''}${runsOut}; shortfall ${n0(binding.cumulativeShortfallDays)} days of demand ` +
        `(${nT(binding.cumulativeShortfall)} t) over the horizon; ${binding.recovery.statement}.`,
    });
    const t = o.target?.find((x) => x.country === country && x.mineral === binding.mineral);
    if (t && t.daysGainedByTarget > 0.5)
      items.push({
        key: 'scenario.brief.target',
        params: {
          country,
          mineral: binding.mineral,
          targetDays: t.targetDays,
          ttsTarget: t.ttsTarget,
          gain: Math.round(t.daysGainedByTarget),
        },
        text: `${cap(name)}: at the ${n0(t.targetDays)}-day stockpile target the ${binding.mineral} stock would last ${t.ttsTarget} months and cover ${n0(t.daysGainedByTarget)} more days of demand.`,
      });
  }
  if (o.pooling)
    for (const h of o.pooling.headline) {
      if (h.bindingMineral === null) continue;
      const partners = o.pooling.members.filter((m) => m !== h.country).map(countryName);
      const per = h.byMineral.map((b) => `${b.mineral} ${Math.round(b.daysGained)}`).join(', ');
      const perText = h.byMineral.map((b) => `${n0(b.daysGained)} days of ${b.mineral}`).join(' and ');
      items.push({
        key: 'scenario.brief.pool',
        params: {
          country: h.country,
          partners: o.pooling.members.filter((m) => m !== h.country).join(','),
          binding: h.bindingMineral,
          bindingDays: Math.round(h.bindingDaysGained ?? 0),
          perMineral: per,
        },
        text:
          `For ${countryName(h.country)}, pooling with ${partners.join(' and ')} adds ${perText} demand; ` +
          `the binding mineral is ${h.bindingMineral} (${n0(h.bindingDaysGained ?? 0)} days).`,
      });
    }
  const missing = [
    ...new Set(
      o.gaps
        .filter(
          (g) => g.reason === 'insufficient_data' && (g.country === null || o.modelled.includes(g.country)),
        )
        .map((g) =>
          g.country ? `${g.mineral} for ${countryName(g.country)}` : `${g.mineral} (all countries)`,
        ),
    ),
  ];
  if (missing.length)
    items.push({
      key: 'scenario.brief.gaps',
      params: { count: missing.length, list: missing.join('; ') },
      text: `Not modelled for lack of data: ${missing.join('; ')} — see the gaps.`,
    });
  return items;
}
