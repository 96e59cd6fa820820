// Country vocabulary keyed by ISO3, with crosswalks to ISO2, ISO numeric (as BACI uses it), COW codes and
// World Bank WGI codes. The list is data/reference/countries.csv, derived by scripts/derive-countries.ts
// from the shared ISO/COW/WGI crosswalk (ISO 3166 regions: CC BY-SA 4.0).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { referencePath } from './paths.ts';

export const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as KOR');

export const CountrySchema = z.object({
  iso3: Iso3,
  iso2: z.string(),
  isoNumeric: z.number().int().nullable(),
  name: z.string(),
  region: z.string(),
  subregion: z.string(),
  cowCode: z.number().int().nullable(),
  cowAbb: z.string(),
  wgiCode: z.string(),
});
export type Country = z.infer<typeof CountrySchema>;

/** The three countries this product serves. */
export const TRIO = ['KOR', 'JPN', 'USA'] as const;
export type TrioCountry = (typeof TRIO)[number];

const num = (s: string) => (s === '' ? null : Number(s));

export const COUNTRIES: readonly Country[] = (
  parse(readFileSync(referencePath('countries.csv')), { columns: true }) as Record<string, string>[]
).map((r) =>
  CountrySchema.parse({
    iso3: r.iso3,
    iso2: r.iso2,
    isoNumeric: num(r.iso_numeric),
    name: r.name,
    region: r.region,
    subregion: r.subregion,
    cowCode: num(r.cow_code),
    cowAbb: r.cow_abb,
    wgiCode: r.wgi_code,
  }),
);

const byIso3 = new Map(COUNTRIES.map((c) => [c.iso3, c]));
const byIso2 = new Map(COUNTRIES.filter((c) => c.iso2).map((c) => [c.iso2, c]));
const byNumeric = new Map(COUNTRIES.filter((c) => c.isoNumeric !== null).map((c) => [c.isoNumeric, c]));
const byWgi = new Map(COUNTRIES.map((c) => [c.wgiCode, c]));
const byCow = new Map<number, Country>();
for (const c of COUNTRIES) if (c.cowCode !== null && !byCow.has(c.cowCode)) byCow.set(c.cowCode, c);

export const countryByIso3 = (iso3: string) => byIso3.get(iso3.toUpperCase());
export const countryByWgi = (code: string) => byWgi.get(code);
export const countryByCow = (code: number) => byCow.get(code);

/**
 * ISO2 → ISO3. Besides ISO, accepts the codes the trade sources use: BACI's "S19" (Other Asia, nes, which is
 * Taiwan in BACI's convention, CEPII documentation) and the user-assigned XK for Kosovo.
 */
export function iso3FromIso2(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (c === 'S19') return 'TWN';
  if (c === 'XK') return 'XKX';
  return byIso2.get(c)?.iso3;
}

/**
 * ISO numeric → ISO3, with BACI's own numeric codes (CEPII BACI country_codes file): 251 France incl. Monaco,
 * 381 Italy incl. San Marino, 490 Other Asia nes (Taiwan), 579 Norway incl. Svalbard, 699 India, 757 Switzerland
 * incl. Liechtenstein, 842 USA incl. Puerto Rico and USVI, 58 Belgium-Luxembourg (pre-1999).
 */
const BACI_NUMERIC: Record<number, string> = {
  58: 'BEL',
  251: 'FRA',
  381: 'ITA',
  490: 'TWN',
  579: 'NOR',
  699: 'IND',
  757: 'CHE',
  842: 'USA',
  711: 'ZAF',
};
export function iso3FromNumeric(code: number): string | undefined {
  return BACI_NUMERIC[code] ?? byNumeric.get(code)?.iso3;
}

/** Lower-case, strip accents, curly quotes and punctuation, fold spaces. */
export function foldName(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019`]/g, "'")
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Names as USGS, the World Bank, UN votes and trade sources write them, folded, mapped to ISO3.
 * Every entry here was met in a file under shared/data (USGS Mineral Commodity Summaries 2022–2026 tables).
 */
const ALIASES: Record<string, string> = {
  burma: 'MMR',
  'korea north': 'PRK',
  'korea republic of': 'KOR',
  'korea south': 'KOR',
  'south korea': 'KOR',
  'north korea': 'PRK',
  'congo kinshasa': 'COD',
  'congo brazzaville': 'COG',
  "cote d'ivoire": 'CIV',
  'ivory coast': 'CIV',
  russia: 'RUS',
  iran: 'IRN',
  vietnam: 'VNM',
  laos: 'LAO',
  bolivia: 'BOL',
  venezuela: 'VEN',
  tanzania: 'TZA',
  syria: 'SYR',
  moldova: 'MDA',
  taiwan: 'TWN',
  turkey: 'TUR',
  turkiye: 'TUR',
  'united states': 'USA',
  'united kingdom': 'GBR',
  'czech republic': 'CZE',
  czechia: 'CZE',
  macedonia: 'MKD',
  'north macedonia': 'MKD',
  'bosnia and herzegovina': 'BIH',
  eswatini: 'SWZ',
  swaziland: 'SWZ',
  kosovo: 'XKX',
  'new caledonia': 'NCL',
  brunei: 'BRN',
  'cabo verde': 'CPV',
  micronesia: 'FSM',
  'hong kong': 'HKG',
  macau: 'MAC',
  'west bank and gaza': 'PSE',
  palestine: 'PSE',
  'the gambia': 'GMB',
  gambia: 'GMB',
  'the bahamas': 'BHS',
  kyrgyzstan: 'KGZ',
  slovakia: 'SVK',
  netherlands: 'NLD',
};

const byFoldedName = new Map<string, string>();
for (const c of COUNTRIES) byFoldedName.set(foldName(c.name), c.iso3);
for (const [k, v] of Object.entries(ALIASES)) byFoldedName.set(k, v);

/** Rows in USGS tables that are not countries: kept as explicit remainders, never mapped to a code. */
export type NonCountryRow = 'other' | 'world';
export function nonCountryRow(name: string): NonCountryRow | null {
  const f = foldName(name).replace(/\d+$/, '').trim();
  if (/^other countries|^other$|^others$/.test(f)) return 'other';
  if (/^world total|^world$|^world rounded/.test(f)) return 'world';
  return null;
}

/**
 * Maps a country name to ISO3. USGS glues footnote markers to names ("Japane", "Korea, Republic ofe",
 * "New Caledonia11"): a trailing digit run is dropped, and a trailing lower-case "e" (USGS's "estimated")
 * is dropped only if the name without it is known and the name with it is not; a trailing parenthetical or
 * lower-case qualifier ("Russia (recoverable)", "Kazakhstan, concentrate") is dropped. Undefined when unknown.
 */
export function iso3FromName(name: string): string | undefined {
  const raw = name.trim();
  const noDigits = raw.replace(/\d+$/, '').trim();
  // Qualifiers USGS appends to a country: "Russia (recoverable)", "Kazakhstan, concentrate".
  // Only a lower-case qualifier is one: "Congo (Kinshasa)" is a name, and "Congo (Kinsh?sa)" must not become "Congo".
  const unqualified = noDigits
    .replace(/\s*\([a-z][^)]*\)$/, '')
    .replace(/,\s+[a-z][a-z ]*$/, '')
    .trim();
  for (const cand of [raw, noDigits, unqualified]) {
    const hit = byFoldedName.get(foldName(cand));
    if (hit) return hit;
  }
  if (/e$/.test(noDigits)) {
    const hit = byFoldedName.get(foldName(noDigits.slice(0, -1)));
    if (hit) return hit;
  }
  const code = raw.toUpperCase();
  if (/^[A-Z]{3}$/.test(code) && byIso3.has(code)) return code;
  return undefined;
}
