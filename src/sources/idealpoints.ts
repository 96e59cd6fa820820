// Voeten's UNGA ideal points by calendar year (IdealpointsJuly2025.csv, doi:10.7910/DVN/LEJUQZ; method:
// Bailey, Strezhnev & Voeten 2017). Countries are joined on the COW code `ccode`, never on names, and the
// file's iso3c must agree with it, except BSV's "YUG" for Serbia (COW 345), which is SRB from 2006
// (src/sources/politics-states.ts). Skipped and counted: Yugoslavia before 2006 and the Yemen People's
// Republic (BSV miscode it iso3c "YAR"), not current countries; and rows with neither idealpointfp nor
// idealpointall (17 rows with only the legacy estimate and no iso3c). The posterior quantiles of idealpointfp
// (the file's qofp = minimum, q5fp … q100fp) are kept as q0_fp … q100_fp, for sampling the ideal point; they
// must not decrease and must bracket the estimate.
import { type Resolved, resolveCow } from './politics-states.ts';
import { CellError, csvRows, int, type Mapped, num, type Rec, requiredInt, year } from './politics-values.ts';
import type { Importer, ParsedItem } from './types.ts';

export const NO_ESTIMATE = 'no idealpointfp or idealpointall estimate';

/** BSV's iso3c codes that differ from the country list on purpose. */
const BSV_CODES: Record<string, string> = { YUG: 'SRB' };

function checkIso3c(rec: Rec, ccode: number, c: Resolved & { iso3: string }) {
  const given = rec.iso3c.trim();
  if (given === '' || given === c.iso3 || BSV_CODES[given] === c.iso3) return;
  throw new CellError(
    'iso3c',
    `iso3c "${given}" disagrees with ccode ${ccode} (${c.iso3})`,
    'check the COW code and ISO3 of this row',
  );
}

/** The file's posterior quantiles of idealpointfp (qofp is the minimum, q0), in order, with the estimate. */
const QUANTILES = [
  ['q0_fp', 'qofp'],
  ['q5_fp', 'q5fp'],
  ['q10_fp', 'q10fp'],
  ['q50_fp', 'q50fp'],
  ['q90_fp', 'q90fp'],
  ['q95_fp', 'q95fp'],
  ['q100_fp', 'q100fp'],
] as const;

/** The seven quantiles (null when empty); they must not decrease (a quantile function). */
function quantiles(rec: Rec, estimate: number | null): Record<(typeof QUANTILES)[number][0], number | null> {
  const out = {} as Record<(typeof QUANTILES)[number][0], number | null>;
  let prev = Number.NEGATIVE_INFINITY;
  let prevField = '';
  for (const [col, field] of QUANTILES) {
    const v = rec[field] === undefined ? null : num(rec, field);
    if (v !== null) {
      if (v < prev)
        throw new CellError(
          field,
          `${field} = ${v} is below ${prevField} = ${prev}`,
          'quantiles must not decrease',
        );
      prev = v;
      prevField = field;
    }
    out[col] = v;
  }
  if (
    estimate !== null &&
    out.q0_fp !== null &&
    out.q100_fp !== null &&
    (estimate < out.q0_fp || estimate > out.q100_fp)
  )
    throw new CellError(
      'idealpointfp',
      `idealpointfp = ${estimate} lies outside its quantiles ${out.q0_fp}–${out.q100_fp}`,
    );
  return out;
}

function toRow(rec: Rec): Mapped {
  const ccode = requiredInt(rec, 'ccode');
  const y = year(rec, 1946); // the first UN General Assembly session
  const idealFp = num(rec, 'idealpointfp');
  const idealAll = num(rec, 'idealpointall');
  if (idealFp === null && idealAll === null) return { skip: NO_ESTIMATE };
  const c = resolveCow(ccode, y);
  if (!c)
    throw new CellError(
      'ccode',
      `unknown COW code ${ccode} (${rec.countryname})`,
      'add it to the country list or to src/sources/politics-states.ts',
    );
  if (c.iso3 === null) return { skip: c.historical };
  checkIso3c(rec, ccode, c);
  return {
    table: 'ideal_points',
    row: {
      country: c.iso3,
      ccode,
      year: y,
      ideal_fp: idealFp,
      ideal_all: idealAll,
      nvotes_fp: int(rec, 'nvotesfp'),
      nvotes_all: int(rec, 'nvotesall'),
      ...quantiles(rec, idealFp),
    },
  };
}

const REQUIRED = [
  'ccode',
  'iso3c',
  'countryname',
  'year',
  'idealpointfp',
  'idealpointall',
  'nvotesfp',
  'nvotesall',
];

/** Parses the file; `onSkip` receives the reason for each skipped row. */
export const parseIdealPoints = (
  path: string,
  onSkip?: (reason: string) => void,
): AsyncIterable<ParsedItem> => csvRows(path, { required: REQUIRED }, toRow, onSkip);

export const idealpointsImporter: Importer = {
  kind: 'idealpoints',
  description: "Voeten's UNGA ideal points by year (IdealpointsJuly2025.csv; joined on COW code)",
  tables: ['ideal_points'],
  meta: () => ({
    kind: 'idealpoints',
    release: 'July 2025 (1946–2024; idealpointall to 2023)',
    licence: 'CC0 1.0',
    citation:
      'Bailey, M.A., Strezhnev, A. and Voeten, E. (2017). Estimating Dynamic State Preferences from United Nations Voting Data. Journal of Conflict Resolution 61(2): 430–456; data: Voeten, E., Harvard Dataverse, doi:10.7910/DVN/LEJUQZ',
  }),
  parse: (path) => parseIdealPoints(path),
};
