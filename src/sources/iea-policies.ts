// IEA Critical Minerals Policy Explorer export (policy/IEA_CM_Policies.csv, 625 policies). Metadata only:
// title, jurisdiction level, countries, year, status, dates, policy type, technologies, tags and the
// "learn more" link. The description (multi-line quoted HTML) is never stored: IEA terms let facts be
// cited but not the text copied. JSON cells become ';'-joined lists; countries are ISO3 codes, plus IEA's
// "EUR" for the European Union (not a country code, kept as IEA writes it). datePromulgated comes as
// YYYY-MM-DD or DD-MM-YYYY (both kept as a date); a bare year there (one row) gives no date.
import { countryByIso3 } from '../model/countries.ts';
import { CellError, csvRows, int, type Mapped, type Rec, text, year } from './politics-values.ts';
import type { Importer } from './types.ts';

/** IEA's code for the European Union in the countries cell. */
export const IEA_EU = 'EUR';

function json(rec: Rec, field: string): unknown[] {
  const raw = (rec[field] ?? '').trim();
  if (raw === '') return [];
  try {
    const v = JSON.parse(raw);
    if (Array.isArray(v)) return v;
  } catch {
    /* reported below */
  }
  throw new CellError(field, `"${raw.slice(0, 60)}" is not a JSON list`);
}

const list = (items: string[]) => (items.length ? items.join(';') : null);

function countries(rec: Rec): string | null {
  const codes = json(rec, 'countries').map((c) => String((c as { iso3?: unknown }).iso3 ?? ''));
  for (const code of codes)
    if (code !== IEA_EU && !countryByIso3(code))
      throw new CellError(
        'countries',
        `unknown country code "${code}"`,
        'use ISO3 codes (or EUR for the European Union)',
      );
  return list(codes);
}

function policyTypes(rec: Rec): string | null {
  return list(
    json(rec, 'policyType').map((p) => {
      const { family, name, category } = p as { family?: string; name?: string; category?: string | null };
      return `${family}: ${name}${category ? ` (${category})` : ''}`;
    }),
  );
}

function datePromulgated(rec: Rec): string | null {
  const raw = rec.datePromulgated.trim();
  if (raw === '' || /^\d{4}$/.test(raw)) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  const dmy = /^(\d{2})-(\d{2})-(\d{4})$/.exec(raw);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : ['', '', ''];
  if (!y || +m < 1 || +m > 12 || +d < 1 || +d > 31)
    throw new CellError('datePromulgated', `"${raw}" is not a date (YYYY-MM-DD or DD-MM-YYYY)`);
  return `${y}-${m}-${d}`;
}

function toRow(rec: Rec): Mapped {
  const title = text(rec, 'title');
  if (!title) throw new CellError('title', 'empty title');
  return {
    table: 'policies',
    row: {
      title,
      jurisdiction: text(rec, 'jurisdiction'),
      countries: countries(rec),
      year: year(rec, 1900), // assumption (src/sources/limits.ts)
      status: text(rec, 'status'),
      date_promulgated: datePromulgated(rec),
      year_ended: int(rec, 'yearEnded'),
      policy_type: policyTypes(rec),
      technologies: list(json(rec, 'technologies').map(String)),
      tags: list(json(rec, 'tags').map(String)),
      url: text(rec, 'learnMore'),
    },
  };
}

const REQUIRED = [
  'title',
  'status',
  'year',
  'jurisdiction',
  'datePromulgated',
  'yearEnded',
  'learnMore',
  'countries',
  'technologies',
  'tags',
  'policyType',
];

export const ieaPoliciesImporter: Importer = {
  kind: 'iea-policies',
  description: 'IEA Critical Minerals Policy Explorer export (metadata only; descriptions are not stored)',
  tables: ['policies'],
  meta: () => ({
    kind: 'iea-policies',
    release: 'IEA Critical Minerals Policy Explorer export (625 policies)',
    licence: 'IEA terms of use: facts cited, no text copied (metadata only)',
    citation:
      'IEA, Critical Minerals Policy Explorer, https://www.iea.org/data-and-statistics/data-tools/critical-minerals-policy-explorer',
  }),
  parse: (path) => csvRows(path, { required: REQUIRED }, toRow),
};
