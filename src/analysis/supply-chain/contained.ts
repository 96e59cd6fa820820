// Trade flows of a mineral's chain in contained metal: each flow of a chain code becomes tonnes of the element
// (gross tonnes × the code's contained-metal factor × the mineral's fraction of a shared code) at the stage it
// carries. A code that carries two stages (282200: DRC hydroxide and refined oxide) is counted at its refined
// stage when the exporter refines the mineral, else at `mixedWith` with that stage's factor. Codes shared with
// materials no rule separates (split `none`) are left out of every tonnage and listed with their value.
import type { Chain, ChainCode, ChainStage, Factor } from '../../model/supply-chain.ts';
import type { Fraction } from './shared-split.ts';

export interface TradeFlow {
  exporter: string;
  importer: string;
  hs: string;
  value_usd: number | null;
  quantity_t: number | null;
}

export interface ContainedFlow {
  exporter: string;
  importer: string;
  hs: string;
  stage: ChainStage;
  /** Tonnes of contained metal (central factor × central fraction); null where the flow has no quantity. */
  tonnes: number | null;
  low: number | null;
  high: number | null;
  /** The value of the mineral's part of the flow (× the fraction for a shared code), USD. */
  valueUsd: number | null;
  factor: Factor;
}

export interface ExcludedCode {
  hs: string;
  importer: string;
  valueUsd: number;
  reason: string;
}

export interface ContainedOptions {
  /** True where the exporter refines the mineral (for codes that carry two stages). */
  isRefiner: (country: string) => boolean;
  /** Per shared code with split `producer-basket`: the mineral's fraction of each exporter's flows. */
  fractions?: ReadonlyMap<string, ReadonlyMap<string, Fraction>>;
}

const stageOf = (code: ChainCode, exporter: string, isRefiner: (c: string) => boolean) =>
  code.mixedWith && !isRefiner(exporter)
    ? { stage: code.mixedWith, factor: code.mixedFactor ?? code.factor }
    : { stage: code.stage, factor: code.factor };

/** Converts one year's flows of the chain's codes into contained metal. */
export function containedFlows(
  flows: readonly TradeFlow[],
  chain: Chain,
  opts: ContainedOptions,
): { flows: ContainedFlow[]; excluded: ExcludedCode[] } {
  const codes = new Map(chain.codes.map((c) => [c.hs6, c]));
  const out: ContainedFlow[] = [];
  const excluded = new Map<string, ExcludedCode>();
  const exclude = (f: TradeFlow, reason: string) => {
    const key = `${f.hs}|${f.importer}|${reason}`;
    const e = excluded.get(key) ?? { hs: f.hs, importer: f.importer, valueUsd: 0, reason };
    e.valueUsd += f.value_usd ?? 0;
    excluded.set(key, e);
  };
  for (const f of flows) {
    const code = codes.get(f.hs);
    if (!code || f.exporter === f.importer) continue;
    let fraction: Fraction = { central: 1, low: 1, high: 1, rule: 'own-basket' };
    if (code.shared) {
      if (code.shared.split === 'none') {
        exclude(
          f,
          `HS ${f.hs} is shared with ${code.shared.with.join(', ')} and no rule separates them: left out`,
        );
        continue;
      }
      const share = opts.fractions?.get(f.hs)?.get(f.exporter);
      if (!share) {
        exclude(f, `HS ${f.hs}: no producer basket for the exporter: left out`);
        continue;
      }
      fraction = share;
    }
    if (fraction.high === 0) continue;
    if (fraction.central === 0) {
      exclude(
        f,
        `HS ${f.hs}: exporters that produce none of the code's materials and import none of it cannot be attributed: left out`,
      );
      continue;
    }
    const { stage, factor } = stageOf(code, f.exporter, opts.isRefiner);
    const q = f.quantity_t !== null && f.quantity_t > 0 ? f.quantity_t : null;
    out.push({
      exporter: f.exporter,
      importer: f.importer,
      hs: f.hs,
      stage,
      tonnes: q === null ? null : q * factor.value * fraction.central,
      low: q === null ? null : q * factor.low * fraction.low,
      high: q === null ? null : q * factor.high * fraction.high,
      valueUsd: f.value_usd === null ? null : f.value_usd * fraction.central,
      factor,
    });
  }
  return { flows: out, excluded: [...excluded.values()] };
}

export const REFINED_STAGES: ReadonlySet<ChainStage> = new Set(['refined', 'semi']);
export const FEED_STAGES: ReadonlySet<ChainStage> = new Set(['ore', 'intermediate', 'scrap']);
