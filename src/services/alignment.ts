// Dyadic UNGA alignment of two countries by calendar year: vote-based metrics (percent agreement, S-score,
// weighted kappa; src/analysis/alignment) over the roll calls of each year, optionally one issue or important
// votes only, and the ideal-point distance (Voeten, July 2025) for every year. The vote data end in 2019 (one
// roll call is dated January 2020): later years get vote metrics null with a reason; ideal points run to 2024.
import { z } from 'zod';
import { dyadOf, voteMatrix } from '../analysis/alignment/all-dyads.ts';
import { DYAD_DEFAULTS } from '../analysis/alignment/dyad.ts';
import { idealPointDistance } from '../analysis/alignment/ideal-distance.ts';
import { COUNTRIES, countryByIso3 } from '../model/countries.ts';
import { editDistance, UserInputError } from '../model/errors.ts';
import type { AlignmentResult, AlignmentYear } from '../model/results/alignment.ts';
import type { Db } from '../store/db.ts';
import {
  idealPoints,
  idealPointYearRange,
  rollCallsPerYear,
  unCountries,
  votes,
} from '../store/queries/partners.ts';

/** The six issue tags of the Voeten roll-call data (un_roll_call_issues.csv). */
export const UN_ISSUES = {
  me: 'Palestinian conflict',
  nu: 'Nuclear weapons and nuclear material',
  di: 'Arms control and disarmament',
  hr: 'Human rights',
  co: 'Colonialism',
  ec: 'Economic development',
} as const;
export type UnIssue = keyof typeof UN_ISSUES;

const FIRST_YEAR = 1946;
const YEAR_MESSAGE = `expected a year from ${FIRST_YEAR} to 2100, e.g. 2015`;
const yearSchema = z.coerce
  .number({ error: YEAR_MESSAGE })
  .int({ error: YEAR_MESSAGE })
  .min(FIRST_YEAR, { error: YEAR_MESSAGE })
  .max(2100, { error: YEAR_MESSAGE });

export const AlignmentParams = z.object({
  a: z.string().min(1),
  b: z.string().min(1),
  from: yearSchema.optional(),
  to: yearSchema.optional(),
  issue: z.enum(Object.keys(UN_ISSUES) as [UnIssue, ...UnIssue[]]).optional(),
  important: z.boolean().optional(),
});
export type AlignmentParams = z.input<typeof AlignmentParams>;

export type { AlignmentResult, AlignmentYear } from '../model/results/alignment.ts';

/** An ISO3 code from user input, or a UserInputError naming the closest known code. */
export function parseCountry(given: string, field: string): string {
  const code = given.trim().toUpperCase();
  if (countryByIso3(code)) return code;
  const closest = COUNTRIES.map((c) => c.iso3).sort(
    (x, y) => editDistance(code, x) - editDistance(code, y),
  )[0];
  throw new UserInputError(
    `unknown country code "${given}" for ${field}: use an ISO 3166-1 alpha-3 code such as KOR, JPN or USA (did you mean "${closest}"?)`,
    field,
    404,
  );
}

/** A UserInputError listing each invalid field as "--field: message". */
export function zodInputError(error: z.ZodError): UserInputError {
  const first = error.issues[0]?.path.join('.');
  return new UserInputError(error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '), first);
}

/** Checks an inclusive year range. */
export function checkYearRange(from: number, to: number): void {
  if (from > to) throw new UserInputError(`inverted year range: --from ${from} is after --to ${to}`, 'from');
}

/** The entries of a partial record, as Object.entries sees them with the key type kept. */
type Entry<R> = { [K in keyof R]-?: [K, NonNullable<R[K]>] }[keyof R];

export async function alignment(db: Db, input: AlignmentParams): Promise<AlignmentResult> {
  const parsed = AlignmentParams.safeParse(input);
  if (!parsed.success) throw zodInputError(parsed.error);
  const p = parsed.data;
  const a = parseCountry(p.a, 'a');
  const b = parseCountry(p.b, 'b');
  const known = await unCountries(db);
  for (const [code, field] of [
    [a, 'a'],
    [b, 'b'],
  ] as const)
    if (!known.has(code))
      throw new UserInputError(
        `${code} has no UN General Assembly votes or ideal points in the database`,
        field,
        404,
      );
  const ideal = await idealPointYearRange(db);
  if (p.to === undefined && ideal.last === null)
    throw new UserInputError(
      'no UNGA ideal points in the database: give --to, or build it (minsec data build)',
      'to',
      404,
    );
  const to = p.to ?? (ideal.last as number);
  const from = p.from ?? Math.max(FIRST_YEAR, to - 9);
  checkYearRange(from, to);

  const filter = { from, to, issue: p.issue, important: p.important };
  const [voteRows, perYear, points] = await Promise.all([
    votes(db, { ...filter, countries: [a, b] }),
    rollCallsPerYear(db, filter),
    idealPoints(db, [a, b], from, to),
  ]);
  const rollCalls = new Map(perYear.map((r) => [r.year, r.rollCalls]));
  const byYear = new Map<number, typeof voteRows>();
  for (const v of voteRows) byYear.set(v.year, [...(byYear.get(v.year) ?? []), v]);
  const point = (c: string, y: number) => points.find((r) => r.country === c && r.year === y);
  const theta = (c: string, y: number) => point(c, y)?.ideal_fp ?? null;

  const years: AlignmentYear[] = [];
  const gaps: AlignmentResult['gaps'] = [];
  for (let year = from; year <= to; year++) {
    const d = dyadOf(voteMatrix(byYear.get(year) ?? []), a, b);
    const reasons: AlignmentYear['reasons'] = { ...d.reasons };
    if (!rollCalls.get(year))
      for (const m of ['agreement', 'sScore', 'kappa'] as const) reasons[m] = 'no_votes_in_source';
    const ta = theta(a, year);
    const tb = theta(b, year);
    const dist = idealPointDistance(ta, tb);
    if (dist === null) reasons.idealPointDistance = 'no_ideal_point';
    for (const [metric, reason] of Object.entries(reasons) as Entry<AlignmentYear['reasons']>[])
      gaps.push({ year, metric, reason });
    years.push({
      year,
      votes: d.votes,
      agreement: d.agreement,
      sScore: d.sScore,
      kappa: d.kappa,
      idealPointDistance: dist,
      idealPoints: {
        a: ta,
        b: tb,
        sourceLines: [point(a, year)?.source_line ?? null, point(b, year)?.source_line ?? null],
      },
      reasons,
    });
  }
  const notes = [
    `Votes coded yes = 1, abstain = 2, no = 3; a year is the calendar year of the roll call's date; absent and non-member votes excluded pairwise. Metrics need at least ${DYAD_DEFAULTS.minVotes} common votes (else insufficient_data).`,
    'Agreement counts abstain against yes/no as half; S-score = 1 − 2Σ|x1−x2|/(n·2) (Signorino & Ritter 1999); kappa weighted with w = (|a−b|/2)² (Häge 2011).',
    "Ideal-point distance = |θa − θb| from Voeten's idealpointfp (Bailey, Strezhnev & Voeten 2017), all issues, for every year to the data's last.",
  ];
  if (p.issue)
    notes.push(
      `Vote metrics restricted to roll calls tagged "${p.issue}" (${UN_ISSUES[p.issue]}); the ideal-point distance is not issue-specific.`,
    );
  if (p.important)
    notes.push(
      'Vote metrics restricted to roll calls flagged important (the flag is missing for the latest sessions, which then count as not important).',
    );
  return {
    a,
    b,
    from,
    to,
    issue: p.issue ?? null,
    important: p.important ?? false,
    years,
    gaps,
    notes,
    sources: [
      'Voeten, Strezhnev & Bailey, United Nations General Assembly Voting Data, hdl:1902.1/12379 (CC0), un_votes.csv / un_roll_calls.csv / un_roll_call_issues.csv',
      'Voeten, UNGA ideal points July 2025, doi:10.7910/DVN/LEJUQZ (IdealpointsJuly2025.csv)',
    ],
  };
}
