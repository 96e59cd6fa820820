// Historical states in the political datasets (UN votes, Voeten ideal points, ATOP alliances) and how they
// map onto the country vocabulary (src/model/countries.ts, which keeps CSK, DDR and YAR as historical
// entries). One rule set for all three sources, so a state means the same thing in each:
// - German Federal Republic (COW 260; empty ISO2 in unvotes) → DEU: ISO 3166-1 assigned DE/DEU to the FRG,
//   and unified Germany continues it (Bailey–Strezhnev–Voeten code it DEU too, see the shared crosswalk's
//   note). Only until 1989 for COW 260: ATOP lists both 255 and 260 in 1990, and 255 carries DEU then.
// - German Democratic Republic → DDR, Czechoslovakia → CSK, Yemen Arab Republic (COW 678) → YAR: the
//   historical entries of the country list.
// - Yugoslavia / Serbia (COW 345, unvotes ISO2 "YU", BSV iso3c "YUG" for all years): Serbia (SRB) from
//   2006, when Montenegro left the state union and Serbia continued its UN membership; before 2006 it is
//   Yugoslavia (SFRY, then FR Yugoslavia / Serbia and Montenegro), not a current country. The cut is by
//   calendar year, as DESIGN.md dates votes and ideal points are yearly: 2 UN votes of early 2006 (before
//   3 June) were strictly Serbia and Montenegro's and count as Serbia's.
// - Yemen People's Republic (COW 680, ISO2 YD; BSV miscode it iso3c YAR), Zanzibar (COW 511, 1963–64),
//   Republic of Vietnam (COW 817): not current countries and not in the country list.
// A state with no country code is skipped (votes, ideal points; counted by the importer) or kept with
// country null (alliances, COW code kept). Any other unknown code is an error, never a silent drop.
import { countryByCow, countryByIso3, iso3FromIso2 } from '../model/countries.ts';

/** First calendar year in which COW 345 / "YU" / "YUG" is Serbia. */
export const SERBIA_FROM_YEAR = 2006;

/** A country code, or null with the historical state's name (not a current country, not in the list). */
export type Resolved = { iso3: string } | { iso3: null; historical: string } | undefined;

const historical = (name: string): Resolved => ({ iso3: null, historical: name });
const YUGOSLAVIA = 'Yugoslavia before 2006';

/** COW codes whose meaning the country list does not carry (see the header). */
const COW_HISTORICAL: Record<number, (year: number) => Resolved> = {
  260: (y) =>
    y <= 1989 ? { iso3: 'DEU' } : historical('German Federal Republic in 1990 (unified Germany is COW 255)'),
  345: (y) => (y >= SERBIA_FROM_YEAR ? { iso3: 'SRB' } : historical(YUGOSLAVIA)),
  511: () => historical('Zanzibar'),
  680: () => historical("Yemen People's Republic"),
  817: () => historical('Republic of Vietnam'),
};

/** COW state code in a given year → ISO3, a historical state, or undefined when unknown. */
export function resolveCow(ccode: number, year: number): Resolved {
  const special = COW_HISTORICAL[ccode];
  if (special) return special(year);
  const c = countryByCow(ccode);
  return c ? { iso3: c.iso3 } : undefined;
}

/** unvotes' ISO2 codes of historical states (the R package's countrycode output). */
const ISO2_HISTORICAL: Record<string, (year: number | undefined) => Resolved> = {
  CS: () => ({ iso3: 'CSK' }),
  DD: () => ({ iso3: 'DDR' }),
  YD: () => historical("Yemen People's Republic"),
  YU: (y) => (y === undefined ? undefined : y >= SERBIA_FROM_YEAR ? { iso3: 'SRB' } : historical(YUGOSLAVIA)),
};

/** unvotes rows with an empty ISO2 code, by their exact country name. */
const NAME_HISTORICAL: Record<string, Resolved> = {
  'Federal Republic of Germany': { iso3: 'DEU' },
  'Yemen Arab Republic': { iso3: 'YAR' },
  Zanzibar: historical('Zanzibar'),
};

/** ISO2 codes whose meaning depends on the vote's year (only "YU"). */
export const needsYear = (iso2: string) => iso2 === 'YU';

/**
 * A UN vote's country (ISO2 code, or the name when the code is empty) → ISO3 or a historical state;
 * undefined when unknown (or when "YU" comes without its year).
 */
export function resolveUnCountry(iso2: string, name: string, year?: number): Resolved {
  if (iso2 === '') return NAME_HISTORICAL[name];
  const special = ISO2_HISTORICAL[iso2];
  if (special) return special(year);
  const iso3 = iso3FromIso2(iso2);
  return iso3 ? { iso3 } : undefined;
}

// The historical codes used above must exist in the country list (fails at load if it changes).
for (const code of ['CSK', 'DDR', 'YAR', 'DEU', 'SRB'])
  if (!countryByIso3(code)) throw new Error(`country list lacks ${code}, which politics-states.ts maps to`);
