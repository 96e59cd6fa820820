// A country's institutional ties with the trio (KOR, JPN, USA): group memberships and defence pacts.
// Memberships come from the hand-compiled shared/data/countries/memberships.csv, each row with its source URL,
// `verified_against_source` (Y/N/partial) and `confidence`; both flags are carried through unchanged so a reader
// sees which ties are unverified. Score = Σ status weight over trio-aligned groups (TRIO_ALIGNED_GROUPS): 1 for
// full standing (member, party, partner, agreement in force, forum member), ½ for partial standing (observer,
// dialogue partner, accession candidate, disputed/ambiguous/suspended status). China-led or mixed groups (BRICS,
// SCO, RCEP) are listed but not scored: membership in them does not exclude ties with the trio (India is in both
// the Quad and BRICS); their weight in the composite is carried by UNGA alignment and China entanglement.
// Defence pacts: ATOP 5.1 (Leeds et al. 2002, International Interactions 28(3)) defence obligations with any trio
// member in the last ATOP year (2018). Cost: O(rows).

export const TRIO_ALIGNED_GROUPS = [
  'MSP',
  'MSP_FINANCE_NETWORK',
  'MSP_FORUM',
  'IPEF',
  'QUAD',
  'OECD',
  'CPTPP',
  'USA_FTA',
  'KOR_FTA',
  'JPN_EPA',
] as const;
export const OTHER_LISTED_GROUPS = ['RCEP', 'BRICS', 'SCO'] as const;

export interface Membership {
  group: string;
  country: string;
  status: string | null;
  verified: string | null;
  confidence: string | null;
  sourceUrl: string | null;
  sourceId?: number;
  sourceLine?: number;
}

export interface ScoredMembership extends Membership {
  weight: number;
  scored: boolean;
  /** True unless verified_against_source is Y and confidence is high. */
  unverified: boolean;
}

const PARTIAL_STATUS = /candidate|observer|dialogue|ambiguous|disputed|suspended|invited/i;

export const statusWeight = (status: string | null) => (status && PARTIAL_STATUS.test(status) ? 0.5 : 1);

export interface TiesResult {
  score: number;
  memberships: ScoredMembership[];
  unverifiedScored: number;
}

export function membershipTies(rows: readonly Membership[]): TiesResult {
  const aligned = new Set<string>(TRIO_ALIGNED_GROUPS);
  const listed = new Set<string>(OTHER_LISTED_GROUPS);
  const memberships = rows
    .filter((r) => aligned.has(r.group) || listed.has(r.group))
    .map((r) => ({
      ...r,
      weight: statusWeight(r.status),
      scored: aligned.has(r.group),
      unverified: !(r.verified === 'Y' && r.confidence === 'high'),
    }));
  const scored = memberships.filter((m) => m.scored);
  return {
    score: scored.reduce((s, m) => s + m.weight, 0),
    memberships,
    unverifiedScored: scored.filter((m) => m.unverified).length,
  };
}

export interface AlliancePact {
  partner: string;
  year: number;
  defense: boolean;
}

/** Trio members with which the country has an ATOP defence obligation in `year` (either direction). */
export function defencePartners(
  pacts: readonly AlliancePact[],
  trio: readonly string[],
  year: number,
): string[] {
  const hit = new Set(
    pacts.filter((p) => p.year === year && p.defense && trio.includes(p.partner)).map((p) => p.partner),
  );
  return trio.filter((t) => hit.has(t));
}
