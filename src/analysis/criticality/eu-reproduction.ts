// "Reproduce the EU's own number": the EU supply risk of one stage recomputed with EU-style global supply shares
// and the EU's published inputs (European Commission 2017 guidelines, doi:10.2873/769526, §3.2; EU 2023 study,
// doi:10.2873/725585), set beside the EU's published value, so an analyst can see how close this
// implementation gets and why it differs.
//   GS+EU:  SR = [HHI_WGI,t(GS)·IR/2 + HHI_WGI,t(EU sourcing)·(1 − IR/2)] · (1 − EOL_RIR) · SI_SR
//   GSonly: SR = HHI_WGI,t(GS) · (1 − EOL_RIR) · SI_SR
// We hold no EU sourcing distribution (EU production + extra-EU imports), so a GS+EU stage is approximated with
// HHI_WGI,t(GS) in place of HHI_WGI,t(EU sourcing) — which reduces it to the GSonly form — and is marked
// incomplete; an EU-only stage cannot be reproduced. A reproduction is `complete` only when the EU used global
// supply alone and every published input (EOL-RIR, SI_SR) is known; only then is it held to the tolerance.
// Residual differences that remain: the EU averages shares over 2016–2020 and uses its own supply data (BGS,
// WMD, USGS and others), its WGI vintage, and its own trade parameters (which we apply where published).
import { type GovernedSupplier, hhiWgi } from '../hhi-wgi.ts';

/** Absolute SR tolerance a complete reproduction is held to (SR is published to one decimal, 0–10 scale). */
export const EU_REPRODUCTION_TOLERANCE = 0.5;

export interface EuReproductionInput {
  stage: string;
  basis: 'GS+EU' | 'GSonly' | 'EUonly';
  publishedSr: number | null;
  /** Global supply with the EU's published trade parameters as t (1 where none was published). */
  globalSupply: readonly GovernedSupplier[] | null;
  eolRir: number | null;
  siSr: number | null;
}

export interface EuReproduction {
  stage: string;
  basis: EuReproductionInput['basis'];
  publishedSr: number | null;
  reproducedSr: number | null;
  hhiWgiGlobal: number | null;
  /** reproduced − published, when both exist. */
  gap: number | null;
  complete: boolean;
  withinTolerance: boolean | null;
  /** Inputs the reproduction lacked or replaced. */
  missing: string[];
  uncoveredShare: number | null;
}

export function reproduceEuStage(x: EuReproductionInput): EuReproduction {
  const missing: string[] = [];
  if (x.basis === 'GS+EU')
    missing.push('EU sourcing shares (EU production + extra-EU imports): global supply used in their place');
  if (x.basis === 'EUonly')
    missing.push('EU sourcing shares (the EU assessed this stage on EU sourcing only)');
  if (x.eolRir === null) missing.push('EOL-RIR (0 used)');
  if (x.siSr === null) missing.push('SI_SR (1 used)');
  if (!x.globalSupply?.length) missing.push('global supply shares for this stage');
  const gs = x.basis === 'EUonly' || !x.globalSupply ? null : hhiWgi(x.globalSupply);
  const reproducedSr = gs ? gs.value * (1 - (x.eolRir ?? 0)) * (x.siSr ?? 1) : null;
  const gap = reproducedSr !== null && x.publishedSr !== null ? reproducedSr - x.publishedSr : null;
  const complete = missing.length === 0 && gap !== null;
  return {
    stage: x.stage,
    basis: x.basis,
    publishedSr: x.publishedSr,
    reproducedSr,
    hhiWgiGlobal: gs?.value ?? null,
    gap,
    complete,
    withinTolerance: complete ? Math.abs(gap!) <= EU_REPRODUCTION_TOLERANCE : null,
    missing,
    uncoveredShare: gs?.uncoveredShare ?? null,
  };
}
