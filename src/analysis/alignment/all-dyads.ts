// All-dyad UNGA alignment for one set of roll calls (typically one year): every pair's 3×3 vote crosstab
// tallied with bitsets. Each country gets one bit vector per vote category (yes/abstain/no) over the roll
// calls; n_ab for a pair is popcount(bits_i[a] AND bits_j[b]). Cost: O(C²·9·R/32) word operations for
// C countries and R roll calls (≈193²/2 · 9 · 4 ≈ 0.7 M for a year), against O(C²·R) for a per-pair loop.
// Metrics per pair come from agreement, sScore and kappa (see those files for citations); allDyadMatrices writes
// them into typed C×C matrices without per-pair allocation; dyadOf gives one named pair.
import { agreement } from './agreement.ts';
import { type Crosstab, crosstabOf } from './crosstab.ts';
import { DYAD_DEFAULTS, type DyadAlignment, dyadFromCrosstab } from './dyad.ts';
import { kappa } from './kappa.ts';
import { sScore } from './s-score.ts';

export interface VoteRecord {
  rcid: number;
  country: string;
  vote: number;
}

/** Countries × roll calls as bit vectors: bits[(c·3 + k)·words + w] for vote category k (0 yes, 1 abstain, 2 no). */
export interface VoteMatrix {
  countries: string[];
  rcids: number[];
  words: number;
  bits: Uint32Array;
}

export function voteMatrix(records: Iterable<VoteRecord>): VoteMatrix {
  const rows = [...records];
  const countries = [...new Set(rows.map((r) => r.country))].sort();
  const rcids = [...new Set(rows.map((r) => r.rcid))].sort((a, b) => a - b);
  const ci = new Map(countries.map((c, i) => [c, i]));
  const ri = new Map(rcids.map((r, i) => [r, i]));
  const words = Math.max(1, Math.ceil(rcids.length / 32));
  const bits = new Uint32Array(countries.length * 3 * words);
  for (const r of rows) {
    if (r.vote !== 1 && r.vote !== 2 && r.vote !== 3) continue;
    const col = ri.get(r.rcid) as number;
    const base = ((ci.get(r.country) as number) * 3 + (r.vote - 1)) * words;
    bits[base + (col >>> 5)] |= 1 << (col & 31);
  }
  return { countries, rcids, words, bits };
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Crosstab counts of countries i and j written into out[0..8] (first index = i's vote). */
export function pairCounts(
  m: VoteMatrix,
  i: number,
  j: number,
  out: Float64Array = new Float64Array(9),
): Float64Array {
  const w = m.words;
  for (let a = 0; a < 3; a++) {
    const ai = (i * 3 + a) * w;
    for (let b = 0; b < 3; b++) {
      const bj = (j * 3 + b) * w;
      let n = 0;
      for (let k = 0; k < w; k++) n += popcount(m.bits[ai + k] & m.bits[bj + k]);
      out[a * 3 + b] = n;
    }
  }
  return out;
}

/**
 * Every pair's metrics as symmetric C×C typed matrices (index i·C + j): common votes, agreement, S-score and
 * kappa, NaN where the metric is null (fewer than minVotes common votes, or kappa without variation).
 */
export interface DyadMatrices {
  countries: string[];
  votes: Int32Array;
  agreement: Float64Array;
  sScore: Float64Array;
  kappa: Float64Array;
}

export function allDyadMatrices(m: VoteMatrix, options: Partial<typeof DYAD_DEFAULTS> = {}): DyadMatrices {
  const { minVotes } = { ...DYAD_DEFAULTS, ...options };
  const c = m.countries.length;
  const out: DyadMatrices = {
    countries: m.countries,
    votes: new Int32Array(c * c),
    agreement: new Float64Array(c * c).fill(Number.NaN),
    sScore: new Float64Array(c * c).fill(Number.NaN),
    kappa: new Float64Array(c * c).fill(Number.NaN),
  };
  const t: Crosstab = { counts: new Float64Array(9), n: 0 };
  for (let i = 0; i < c; i++)
    for (let j = i + 1; j < c; j++) {
      pairCounts(m, i, j, t.counts);
      let n = 0;
      for (let k = 0; k < 9; k++) n += t.counts[k];
      t.n = n;
      const ij = i * c + j;
      const ji = j * c + i;
      out.votes[ij] = out.votes[ji] = n;
      if (n < Math.max(1, minVotes)) continue;
      out.agreement[ij] = out.agreement[ji] = agreement(t) as number;
      out.sScore[ij] = out.sScore[ji] = sScore(t) as number;
      out.kappa[ij] = out.kappa[ji] = kappa(t) ?? Number.NaN;
    }
  return out;
}

/** Alignment of two named countries in the matrix; votes 0 and reason `insufficient_data` if either is absent. */
export function dyadOf(
  m: VoteMatrix,
  a: string,
  b: string,
  options: Partial<typeof DYAD_DEFAULTS> = {},
): DyadAlignment {
  const i = m.countries.indexOf(a);
  const j = m.countries.indexOf(b);
  const counts = i < 0 || j < 0 ? new Float64Array(9) : pairCounts(m, i, j);
  return dyadFromCrosstab(crosstabOf(counts), options);
}
