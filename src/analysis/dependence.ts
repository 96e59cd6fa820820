// Import dependence of one importer on its partners, by value and by quantity side by side:
// partner shares share_p = v_p / Σv (and q_p / Σq), import HHI = Σ(100·share_p)² (0–10,000), the direct China
// share, the share from a named group (the other trio members, MSP partners). DESIGN.md, Methods; HHI per
// concentration.ts. Net import reliance follows USGS MCS (Appendix: "net import reliance as a percentage of
// apparent consumption"): NIR = (imports − exports ± stock change) / apparent consumption, apparent consumption =
// production + imports − exports ± stock change; a net exporter is 'E', never a negative number.
// Cost O(n log n) in the number of flows.
import { hhi } from './concentration.ts';

export interface ImportFlow {
  exporter: string;
  value_usd: number | null;
  quantity_t: number | null;
}

export interface Partner {
  country: string;
  value_usd: number | null;
  quantity_t: number | null;
  /** Value share 0..1 (null when no flow value is known). */
  share: number | null;
  quantityShare: number | null;
}

export interface Dependence {
  partners: Partner[];
  totalValue: number;
  totalQuantity: number;
  hhi: number | null;
  hhiQuantity: number | null;
  chinaShare: number | null;
  chinaQuantityShare: number | null;
  /** Value share of each named group (e.g. trio, msp). */
  groupShares: Record<string, number | null>;
  /** Partners whose quantity is missing (their flows are left out of quantity shares). */
  missingQuantity: string[];
}

const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);

/** Aggregates flows into one importer by exporter and computes shares and concentration. */
export function importDependence(
  flows: readonly ImportFlow[],
  groups: Record<string, readonly string[]> = {},
): Dependence {
  const by = new Map<string, { value: number | null; quantity: number | null }>();
  for (const f of flows) {
    const p = by.get(f.exporter) ?? { value: null, quantity: null };
    p.value = add(p.value, f.value_usd);
    p.quantity = add(p.quantity, f.quantity_t);
    by.set(f.exporter, p);
  }
  const totalValue = [...by.values()].reduce((s, p) => s + (p.value ?? 0), 0);
  const totalQuantity = [...by.values()].reduce((s, p) => s + (p.quantity ?? 0), 0);
  const partners: Partner[] = [...by.entries()]
    .map(([country, p]) => ({
      country,
      value_usd: p.value,
      quantity_t: p.quantity,
      share: totalValue > 0 && p.value !== null ? p.value / totalValue : null,
      quantityShare: totalQuantity > 0 && p.quantity !== null ? p.quantity / totalQuantity : null,
    }))
    .sort((a, b) => (b.value_usd ?? 0) - (a.value_usd ?? 0) || a.country.localeCompare(b.country));
  const valueShares = partners.map((p) => p.share).filter((s): s is number => s !== null);
  const qtyShares = partners.map((p) => p.quantityShare).filter((s): s is number => s !== null);
  const shareOf = (pick: (p: Partner) => number | null, set: (c: string) => boolean, total: number) =>
    total > 0 ? partners.filter((p) => set(p.country)).reduce((s, p) => s + (pick(p) ?? 0), 0) : null;
  const groupShares: Record<string, number | null> = {};
  for (const [name, members] of Object.entries(groups))
    groupShares[name] = shareOf(
      (p) => p.share,
      (c) => members.includes(c),
      totalValue,
    );
  return {
    partners,
    totalValue,
    totalQuantity,
    hhi: totalValue > 0 ? hhi(valueShares) : null,
    hhiQuantity: totalQuantity > 0 ? hhi(qtyShares) : null,
    chinaShare: shareOf(
      (p) => p.share,
      (c) => c === 'CHN',
      totalValue,
    ),
    chinaQuantityShare: shareOf(
      (p) => p.quantityShare,
      (c) => c === 'CHN',
      totalQuantity,
    ),
    groupShares,
    missingQuantity: partners.filter((p) => p.quantity_t === null).map((p) => p.country),
  };
}

export type NetImportReliance =
  | { value: number; code: null }
  | { value: null; code: 'E' | 'insufficient_data' };

/** USGS net import reliance as a fraction 0..1 of apparent consumption; 'E' for a net exporter. */
export function netImportReliance(x: {
  production: number;
  imports: number;
  exports: number;
  stockChange?: number;
}): NetImportReliance {
  const net = x.imports - x.exports + (x.stockChange ?? 0);
  const consumption = x.production + net;
  if (net < 0) return { value: null, code: 'E' };
  if (net === 0) return { value: 0, code: null };
  if (!(consumption > 0)) return { value: null, code: 'insufficient_data' };
  return { value: Math.min(1, net / consumption), code: null };
}
