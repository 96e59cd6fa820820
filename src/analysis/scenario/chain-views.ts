// Stage views of an importer's supply for the scenario engine from one HS code per mineral: shipped by (customs
// origin) = import shares; refined in and mined in = a one-hop trace through each exporter. The fallback for a
// year the supply-chain model (src/services/assess/dependence.ts: multi-hop, multi-stage, contained metal over the
// whole chain) has no view of; src/services/scenario.ts prefers the model's views. Pure.
//
// Shares use quantities when every flow into the importer has one, else values (shares are unitless, so gross
// weight and contained metal give the same split within one code). One-hop trace: an exporter j that produces at
// least PRODUCER_SHARE of world output at the stage is its own origin; any other exporter passes its own import
// shares through; an exporter with neither production nor imports is left untraced.

export interface TradeFlow {
  exporter: string;
  importer: string;
  valueUsd: number;
  quantityT: number | null;
}

/** An exporter producing at least this share of world output at the stage counts as its own origin. */
export const PRODUCER_SHARE = 0.05;

export interface OneCodeView {
  country: string;
  shipped: Record<string, number>;
  refined: Record<string, number> | null;
  mined: Record<string, number> | null;
  untraced: { refined: number | null; mined: number | null };
  basis: string;
}

function importShares(flows: readonly TradeFlow[], importer: string): Record<string, number> {
  const inbound = flows.filter((f) => f.importer === importer && f.exporter !== importer);
  const useQ = inbound.length > 0 && inbound.every((f) => f.quantityT !== null);
  const w = (f: TradeFlow) => (useQ ? (f.quantityT as number) : f.valueUsd);
  const total = inbound.reduce((s, f) => s + w(f), 0);
  const out: Record<string, number> = {};
  if (!(total > 0)) return out;
  for (const f of inbound) out[f.exporter] = (out[f.exporter] ?? 0) + w(f) / total;
  return out;
}

function trace(
  shipped: Record<string, number>,
  flows: readonly TradeFlow[],
  producerShares: Record<string, number>,
  cache: Map<string, Record<string, number>>,
): { shares: Record<string, number>; untraced: number } {
  const out: Record<string, number> = {};
  let untraced = 0;
  for (const [j, s] of Object.entries(shipped)) {
    if ((producerShares[j] ?? 0) >= PRODUCER_SHARE) {
      out[j] = (out[j] ?? 0) + s;
      continue;
    }
    let up = cache.get(j);
    if (!up) {
      up = importShares(flows, j);
      cache.set(j, up);
    }
    const upTotal = Object.values(up).reduce((a, b) => a + b, 0);
    if (!(upTotal > 0)) {
      untraced += s;
      continue;
    }
    for (const [o, u] of Object.entries(up)) out[o] = (out[o] ?? 0) + s * u;
  }
  return { shares: out, untraced };
}

/**
 * Views for each modelled importer from the flows of one code (`codes` names it for the basis line).
 * `mineShares` / `refineShares`: USGS production shares at the mine and refined stage (null when unknown).
 */
export function oneCodeViews(o: {
  flows: readonly TradeFlow[];
  countries: readonly string[];
  codes: readonly string[];
  year: number;
  mineShares: Record<string, number> | null;
  refineShares: Record<string, number> | null;
}): OneCodeView[] {
  const cache = new Map<string, Record<string, number>>();
  return o.countries.map((c) => {
    const shipped = importShares(o.flows, c);
    const mined = o.mineShares ? trace(shipped, o.flows, o.mineShares, cache) : null;
    const refined = o.refineShares ? trace(shipped, o.flows, o.refineShares, cache) : null;
    return {
      country: c,
      shipped,
      refined: refined?.shares ?? null,
      mined: mined?.shares ?? null,
      untraced: { refined: refined?.untraced ?? null, mined: mined?.untraced ?? null },
      basis:
        `BACI HS ${o.codes.join(', ')} ${o.year} import shares (shipped by); refined in and mined in by a one-hop trace ` +
        `(an exporter producing ≥ ${100 * PRODUCER_SHARE}% of world output at the stage is its own origin, others pass on their import shares) — interim, one code of the chain`,
    };
  });
}
