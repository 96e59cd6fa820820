// How much of a mineral's chain a trade figure covers, and the grade that says what the figure can support.
// Grades (a rule of this product, stated wherever a grade is shown):
//   A — every code of the chain is loaded and countable in tonnes;
//   B — every stage of the chain (ore, intermediate, refined) is loaded, by at least two thirds of the codes;
//   C — the refined stage and at least one other stage are loaded, by at least a third of the codes;
//   D — one stage only, under a third of the codes, or the loaded flows exceed a published total of the same
//       imports by more than half (an overshoot: the factors or the shared-code split overstate the mineral).
// A national figure that needs the whole chain (net import reliance) needs grade A or B.
import type { Chain, ChainStage } from '../../model/supply-chain.ts';

export type Grade = 'A' | 'B' | 'C' | 'D';

export interface Coverage {
  /** Share of the chain's countable codes (not split `none`) that are loaded, 0..1. */
  share: number;
  grade: Grade;
  codesLoaded: string[];
  codesMissing: string[];
  /** Codes of the chain no rule can count for this mineral (shared, split `none`). */
  codesUncountable: string[];
  reason: string;
}

const CORE: readonly ChainStage[] = ['ore', 'intermediate', 'refined'];
export const OVERSHOOT = 1.5;

/**
 * The coverage of the loaded codes (`loaded`: codes with any flow in the year); `overshoot` is the ratio of the
 * loaded tonnes to a published total of the same imports, where one exists.
 */
export function coverageOf(
  chain: Chain,
  loaded: ReadonlySet<string>,
  overshoot: number | null = null,
): Coverage {
  const countable = chain.codes.filter((c) => c.shared?.split !== 'none');
  const uncountable = chain.codes.filter((c) => c.shared?.split === 'none').map((c) => c.hs6);
  const have = countable.filter((c) => loaded.has(c.hs6));
  const missing = countable.filter((c) => !loaded.has(c.hs6)).map((c) => c.hs6);
  const stagesIn = new Set(countable.map((c) => c.stage));
  const stagesLoaded = new Set(have.flatMap((c) => (c.mixedWith ? [c.stage, c.mixedWith] : [c.stage])));
  const core = CORE.filter((s) => stagesIn.has(s));
  let grade: Grade;
  let reason: string;
  if (overshoot !== null && overshoot > OVERSHOOT) {
    grade = 'D';
    reason = `the loaded flows are ${overshoot.toFixed(1)}× the published total of the same imports`;
  } else if (!missing.length && !uncountable.length) {
    grade = 'A';
    reason = 'every countable code of the chain is loaded';
  } else if (core.every((s) => stagesLoaded.has(s)) && have.length * 3 >= countable.length * 2) {
    grade = 'B';
    reason = `every stage is loaded; ${missing.length} of ${countable.length} codes missing, ${uncountable.length} shared codes not countable`;
  } else if (core.every((s) => stagesLoaded.has(s)) && stagesLoaded.size === 1) {
    // a chain whose only countable stage is loaded, but by few of its codes (lithium: carbonate without hydroxide)
    grade = 'D';
    reason = `${have.length} of ${countable.length} codes of the chain loaded (${[...stagesLoaded].join(', ')})`;
  } else if (stagesLoaded.has('refined') && stagesLoaded.size > 1 && have.length * 3 >= countable.length) {
    grade = 'C';
    reason = `${have.length} of ${countable.length} codes loaded; stages missing: ${core.filter((s) => !stagesLoaded.has(s)).join(', ')}`;
  } else {
    grade = 'D';
    reason = `${have.length} of ${countable.length} codes of the chain loaded (${[...stagesLoaded].join(', ') || 'none'})`;
  }
  return {
    share: countable.length ? have.length / countable.length : 0,
    grade,
    codesLoaded: have.map((c) => c.hs6),
    codesMissing: missing,
    codesUncountable: uncountable,
    reason,
  };
}

/** True where the coverage supports a national figure that needs the whole chain. */
export const supportsNational = (c: Coverage) => c.grade === 'A' || c.grade === 'B';
