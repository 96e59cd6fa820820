// Dyadic UNGA alignment: the vote-based metrics of one pair of countries over a set of roll calls, composed from
// crosstab → agreement, S-score (Signorino & Ritter 1999) and weighted kappa (Häge 2011). A pair with fewer than
// `minVotes` common votes gets null metrics with reason `insufficient_data` (default 10: with fewer, one vote
// moves agreement by 10 points or more); a kappa undefined for lack of variation gets reason `no_variation`.
import { agreement } from './agreement.ts';
import { type Crosstab, crosstab } from './crosstab.ts';
import { kappa } from './kappa.ts';
import { sScore } from './s-score.ts';

export const DYAD_DEFAULTS = { minVotes: 10 };

export type VoteMetric = 'agreement' | 'sScore' | 'kappa';
export type NullReason = 'insufficient_data' | 'no_variation' | 'no_votes_in_source';

export interface DyadAlignment {
  votes: number;
  agreement: number | null;
  sScore: number | null;
  kappa: number | null;
  /** Why a metric is null (absent when it is not). */
  reasons: Partial<Record<VoteMetric, NullReason>>;
}

export function dyadFromCrosstab(t: Crosstab, options: Partial<typeof DYAD_DEFAULTS> = {}): DyadAlignment {
  const { minVotes } = { ...DYAD_DEFAULTS, ...options };
  if (t.n < Math.max(1, minVotes)) {
    const reason = 'insufficient_data' as const;
    return {
      votes: t.n,
      agreement: null,
      sScore: null,
      kappa: null,
      reasons: { agreement: reason, sScore: reason, kappa: reason },
    };
  }
  const k = kappa(t);
  return {
    votes: t.n,
    agreement: agreement(t),
    sScore: sScore(t),
    kappa: k,
    reasons: k === null ? { kappa: 'no_variation' } : {},
  };
}

/** Alignment of two aligned vote vectors (1 yes, 2 abstain, 3 no; anything else = absent, excluded). */
export function dyadAlignment(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: Partial<typeof DYAD_DEFAULTS> = {},
): DyadAlignment {
  return dyadFromCrosstab(crosstab(x, y), options);
}
