// Code lookups shared by the trade importers: country codes as the trade sources write them (including
// historical ISO 3166 codes BACI still carries for early years) and which model mineral an HS code belongs to.
import { countryByIso3, iso3FromIso2, iso3FromNumeric } from '../model/countries.ts';
import { MINERALS, type Mineral } from '../model/minerals.ts';

/**
 * Codes withdrawn from ISO 3166-1 (now in ISO 3166-3) that BACI HS02 years still use: AN Netherlands Antilles
 * (dissolved 2010), CS Serbia and Montenegro (split 2006). Their alpha-3 codes were ANT and SCG.
 */
const HISTORICAL_ISO2: Record<string, string> = { AN: 'ANT', CS: 'SCG' };

/**
 * BACI numeric codes that are not current ISO numeric codes (CEPII BACI country_codes; the same mapping is
 * embedded in the shared flows_YYYY.json `iso` tables): 280 Germany (pre-1990 code kept by BACI), 530
 * Netherlands Antilles, 736 Sudan before 2011, 891 Serbia and Montenegro.
 */
const HISTORICAL_NUMERIC: Record<number, string> = { 280: 'DEU', 530: 'ANT', 736: 'SDN', 891: 'SCG' };

/** ISO2 (plus BACI's S19 = Taiwan and the historical AN, CS) → ISO3. */
export const tradeIso3FromIso2 = (code: string): string | undefined =>
  iso3FromIso2(code) ?? HISTORICAL_ISO2[code.trim().toUpperCase()];

/** ISO / BACI numeric → ISO3. */
export const tradeIso3FromNumeric = (code: number): string | undefined =>
  iso3FromNumeric(code) ?? HISTORICAL_NUMERIC[code];

/** An ISO3 code as a source wrote it, checked against the country vocabulary (historical codes allowed). */
export function knownIso3(code: string): string | undefined {
  const c = code.trim().toUpperCase();
  if (countryByIso3(c)) return c;
  return Object.values(HISTORICAL_ISO2).includes(c) ? c : undefined;
}

/** Every HS6 code of the model (all stages of all minerals): the default filter for raw BACI files. */
export const MODEL_HS6: ReadonlySet<string> = new Set(MINERALS.flatMap((m) => m.hs.map((h) => h.hs6)));

/**
 * The model mineral that owns an HS6 code: the first mineral in MINERALS order that lists it. A shared code
 * (811292: gallium, germanium, hafnium, ...) is owned by its first lister (gallium); rows carry that id and
 * the code, and the code's sharing is recorded in the model (HsCode.sharedWith) and the hs_codes table.
 */
export function hsOwner(hs6: string): Mineral | undefined {
  return MINERALS.find((m) => m.hs.some((h) => h.hs6 === hs6));
}

/** Model minerals whose HS6 codes fall under an HS code of any length (e.g. HS4 8105 → cobalt). */
export const mineralsUnderHs = (code: string): Mineral[] =>
  MINERALS.filter((m) => m.hs.some((h) => h.hs6.startsWith(code)));
