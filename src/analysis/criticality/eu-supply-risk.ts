// EU supply risk (European Commission 2017 guidelines, doi:10.2873/769526, §3.2, as used for the 2023 list;
// DESIGN.md, Methods), composed from hhi-wgi.ts and the trade parameter:
//   SR = [HHI_WGI,t(global supply)·IR/2 + HHI_WGI,t(sourcing)·(1 − IR/2)] · (1 − EOL_RIR) · SI_SR
// per stage (extraction, processing); the material's SR is the maximum over stages. IR is the import reliance
// (0..1), EOL_RIR the end-of-life recycling input rate (0..1), SI_SR the substitution index for supply risk.
// "Sourcing" in the EU method is the EU's actual sourcing (domestic production + imports); here it is each trio
// country's own supply. A stage without a global-supply or sourcing distribution gives null with the reason.
import { type GovernedSupplier, hhiWgi } from '../hhi-wgi.ts';

export interface EuSrInputs {
  ir: number;
  eolRir: number;
  siSr: number;
}

export interface EuSrStageInput extends EuSrInputs {
  stage: string;
  globalSupply: readonly GovernedSupplier[];
  sourcing: readonly GovernedSupplier[] | null;
}

export type EuSrStage =
  | {
      stage: string;
      sr: number;
      hhiWgiGlobal: number;
      hhiWgiSourcing: number;
      inputs: EuSrInputs;
      uncoveredShare: number;
      reason: null;
    }
  | { stage: string; sr: null; reason: string };

export function euSupplyRiskStage(x: EuSrStageInput): EuSrStage {
  const gs = hhiWgi(x.globalSupply);
  if (!gs) return { stage: x.stage, sr: null, reason: 'no global supply distribution for this stage' };
  if (!x.sourcing)
    return {
      stage: x.stage,
      sr: null,
      reason: 'no sourcing (production + imports) distribution for this stage',
    };
  const src = hhiWgi(x.sourcing);
  if (!src) return { stage: x.stage, sr: null, reason: 'empty sourcing distribution' };
  const sr = (gs.value * (x.ir / 2) + src.value * (1 - x.ir / 2)) * (1 - x.eolRir) * x.siSr;
  return {
    stage: x.stage,
    sr,
    hhiWgiGlobal: gs.value,
    hhiWgiSourcing: src.value,
    inputs: { ir: x.ir, eolRir: x.eolRir, siSr: x.siSr },
    uncoveredShare: Math.max(gs.uncoveredShare, src.uncoveredShare),
    reason: null,
  };
}

export interface EuSupplyRisk {
  /** Maximum SR over the stages that could be computed; null when none could. */
  sr: number | null;
  stage: string | null;
  stages: EuSrStage[];
}

export function euSupplyRisk(stages: readonly EuSrStageInput[]): EuSupplyRisk {
  const results = stages.map(euSupplyRiskStage);
  let best: EuSrStage | null = null;
  for (const r of results) if (r.sr !== null && (best === null || (best.sr ?? -1) < r.sr)) best = r;
  return { sr: best?.sr ?? null, stage: best?.stage ?? null, stages: results };
}
