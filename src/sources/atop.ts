// ATOP 5.1 alliance obligations as directed dyad-years (alliances/peacesciencer_atop_alliance.csv, via the
// R package peacesciencer). Only years from 1946 are loaded: the product looks at the post-war order, and
// this keeps the table compact (258,912 of 273,296 rows). COW codes map to ISO3 through the country list and
// the historical-state rules of src/sources/politics-states.ts; a historical state without a code
// (Yugoslavia before 2006, Yemen People's Republic, Republic of Vietnam, FRG in 1990) keeps its COW code
// with country null. A COW code that is neither is an error.
import { resolveCow } from './politics-states.ts';
import { CellError, csvRows, flag, type Mapped, type Rec, requiredInt, year } from './politics-values.ts';
import type { Importer } from './types.ts';

export const ATOP_FROM_YEAR = 1946;
/** ATOP's first year (Leeds et al. 2002: alliances 1815–2018). */
export const ATOP_FIRST_YEAR = 1815;
const BEFORE_1946 = `year before ${ATOP_FROM_YEAR}`;

function country(rec: Rec, field: 'ccode1' | 'ccode2', y: number): { ccode: number; iso3: string | null } {
  const ccode = requiredInt(rec, field);
  const c = resolveCow(ccode, y);
  if (!c)
    throw new CellError(
      field,
      `unknown COW code ${ccode}`,
      'add it to the country list or to src/sources/politics-states.ts',
    );
  return { ccode, iso3: c.iso3 };
}

function toRow(rec: Rec): Mapped {
  const y = year(rec, ATOP_FIRST_YEAR);
  if (y < ATOP_FROM_YEAR) return { skip: BEFORE_1946 };
  const a = country(rec, 'ccode1', y);
  const b = country(rec, 'ccode2', y);
  return {
    table: 'alliances',
    row: {
      country1: a.iso3,
      country2: b.iso3,
      ccode1: a.ccode,
      ccode2: b.ccode,
      year: y,
      defense: flag(rec, 'atop_defense'),
      offense: flag(rec, 'atop_offense'),
      neutral: flag(rec, 'atop_neutral'),
      nonagg: flag(rec, 'atop_nonagg'),
      consul: flag(rec, 'atop_consul'),
    },
  };
}

const REQUIRED = [
  'ccode1',
  'ccode2',
  'year',
  'atop_defense',
  'atop_offense',
  'atop_neutral',
  'atop_nonagg',
  'atop_consul',
];

export const atopImporter: Importer = {
  kind: 'atop',
  description: 'ATOP 5.1 alliance obligations, directed dyad-years from 1946 (peacesciencer CSV)',
  tables: ['alliances'],
  meta: () => ({
    kind: 'atop',
    release: 'ATOP 5.1 dyad-years 1946–2018 (via peacesciencer)',
    licence: 'ATOP: free for use with citation',
    citation:
      'Leeds, B.A., Ritter, J.M., Mitchell, S.M. and Long, A.G. (2002). Alliance Treaty Obligations and Provisions, 1815–1944. International Interactions 28: 237–260 (ATOP v5.1); via peacesciencer (Miller 2022)',
  }),
  parse: (path) => csvRows(path, { required: REQUIRED }, toRow),
};
