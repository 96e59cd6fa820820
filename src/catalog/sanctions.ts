// The sanctions catalog (sanctions.yaml): cited, dated measures by which the UN, the EU or a state restricts
// trade with a target state, validated by zod at load time, with the queries the partner screen and the scenario
// engine use.
//
// Rules (each from the field conventions in sanctions.yaml):
// - A measure is in force on date d when effective ≤ d < ended (ended null = open-ended).
// - It applies to a buyer when the buyer is the imposer, when the imposer is the UN Security Council (decisions
//   under Article 41 of the UN Charter bind every member, Art. 25), when the imposer is the EU and the buyer is an
//   EU member state, or when the measure is `secondary` (it reaches third-country buyers).
// - It forbids a purchase (the supplier "may not supply" the buyer) when its flow covers imports from the target
//   and it is an `embargo` (all goods), or an `import_ban` / `sector_sanctions` whose goods cover the mineral or
//   HS code asked about. Without a mineral or HS code, only embargoes count.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { countryByIso3 } from '../model/countries.ts';
import { UserInputError } from '../model/errors.ts';
import { MINERALS } from '../model/minerals.ts';
import { CatalogError, parseCatalogList } from './catalog-file.ts';

/** The date the catalog's entries were last reviewed against their sources. */
export const SANCTIONS_REVIEWED = '2026-11-28';

/**
 * EU member states (27 since 1 February 2020), for measures imposed by the EU. Source: European Union, "EU
 * countries", https://european-union.europa.eu/principles-countries-history/eu-countries_en
 */
export const EU_MEMBERS: ReadonlySet<string> = new Set([
  'AUT',
  'BEL',
  'BGR',
  'HRV',
  'CYP',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'IRL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MLT',
  'NLD',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
]);

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD (quote it in YAML: "2022-03-11")');
const Iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO3 code such as RUS')
  .refine((c) => countryByIso3(c) !== undefined, { message: 'not a known ISO3 country code' });
const mineralIds = new Set(MINERALS.map((m) => m.id));
const MineralId = z
  .string()
  .refine((m) => mineralIds.has(m), { message: 'not a model mineral id (src/model/minerals.ts)' });

const SourceSchema = z.object({ title: z.string().min(1), url: z.string().url(), date: IsoDate });

export const SanctionClass = z.enum([
  'embargo',
  'import_ban',
  'sector_sanctions',
  'country_programme',
  'export_ban',
  'targeted',
]);
export type SanctionClass = z.infer<typeof SanctionClass>;

export const Verification = z.enum(['official-text', 'official-summary', 'secondary', 'unverified']);
export type Verification = z.infer<typeof Verification>;

export const SanctionMeasureSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case letters, digits and dashes'),
    imposer: z.union([z.literal('UN'), z.literal('EU'), Iso3]),
    targets: z.array(Iso3).min(1),
    class: SanctionClass,
    flow: z.enum(['imports_from_target', 'exports_to_target', 'both', 'none']),
    secondary: z.boolean(),
    goods: z.object({
      all: z.boolean(),
      hs: z.array(z.string().regex(/^\d{2}(\d{2})?$/, 'an HS chapter (2 digits) or heading (4 digits)')),
      minerals: z.array(MineralId),
      mineralNotes: z.string().optional(),
      other: z.array(z.string()),
    }),
    instrument: z.string().min(1),
    adopted: IsoDate,
    effective: IsoDate,
    ended: IsoDate.nullable(),
    summary: z.string().min(1),
    source: SourceSchema,
    alsoSee: z.array(SourceSchema).default([]),
    verification: Verification,
    checked: z.string().min(1),
  })
  .superRefine((m, ctx) => {
    if (m.effective < m.adopted)
      ctx.addIssue({ code: 'custom', path: ['effective'], message: 'effective must not precede adopted' });
    if (m.ended !== null && m.ended <= m.effective)
      ctx.addIssue({ code: 'custom', path: ['ended'], message: 'ended must be after effective' });
    if (m.class === 'embargo' && !m.goods.all)
      ctx.addIssue({
        code: 'custom',
        path: ['goods', 'all'],
        message: 'an embargo covers all goods: set all: true',
      });
    if (m.goods.all && (m.goods.hs.length || m.goods.minerals.length))
      ctx.addIssue({ code: 'custom', path: ['goods'], message: 'all: true takes no hs or minerals list' });
    if ((m.class === 'import_ban' || m.class === 'sector_sanctions') && m.flow === 'exports_to_target')
      ctx.addIssue({
        code: 'custom',
        path: ['flow'],
        message: `a ${m.class} restricts imports from the target`,
      });
  });
export type SanctionMeasure = z.infer<typeof SanctionMeasureSchema>;

export { CatalogError };

/** Parses and validates catalog text; errors name the file, the line, the entry (id or #n) and the field. */
export const parseSanctions = (text: string, file = 'sanctions.yaml'): SanctionMeasure[] =>
  parseCatalogList(text, file, SanctionMeasureSchema);

const FILE = new URL('./sanctions.yaml', import.meta.url);
export const SANCTIONS_FILE = fileURLToPath(FILE);
export const SANCTIONS: readonly SanctionMeasure[] = parseSanctions(
  readFileSync(FILE, 'utf8'),
  'src/catalog/sanctions.yaml',
);

export const sanctionById = (id: string, register: readonly SanctionMeasure[] = SANCTIONS) =>
  register.find((m) => m.id === id);

const checkDate = (d: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d))
    throw new UserInputError(`date "${d}" is not an ISO date YYYY-MM-DD`, 'date');
};
const checkIso3 = (c: string, field: string) => {
  if (!/^[A-Z]{3}$/.test(c))
    throw new UserInputError(`${field} "${c}" is not an ISO3 code such as RUS`, field);
};

/** In force on an ISO date: effective ≤ d < ended. */
export const inForceOn = (m: SanctionMeasure, dateIso: string) =>
  m.effective <= dateIso && (m.ended === null || dateIso < m.ended);

/** Whether the measure binds this buyer (see the rules in the header). */
export const bindsBuyer = (m: SanctionMeasure, buyer: string) =>
  m.imposer === buyer || m.imposer === 'UN' || (m.imposer === 'EU' && EU_MEMBERS.has(buyer)) || m.secondary;

/** Whether the measure's goods cover a model mineral (any stage) or an HS6 code (by its chapter or heading). */
export function coversGoods(m: SanctionMeasure, what: { mineral?: string; hs6?: string }): boolean {
  if (m.goods.all) return true;
  if (what.mineral !== undefined && m.goods.minerals.includes(what.mineral)) return true;
  if (what.hs6 !== undefined && m.goods.hs.some((h) => what.hs6!.startsWith(h))) return true;
  return false;
}

/** Whether the measure forbids the buyer's purchase of the goods asked about (without goods: embargoes only). */
export function forbidsPurchase(m: SanctionMeasure, what: { mineral?: string; hs6?: string } = {}): boolean {
  if (m.flow !== 'imports_from_target' && m.flow !== 'both') return false;
  if (m.class === 'embargo') return true;
  if (m.class !== 'import_ban' && m.class !== 'sector_sanctions') return false;
  if (what.mineral === undefined && what.hs6 === undefined) return false;
  return coversGoods(m, what);
}

/**
 * Every measure in force on `dateIso` that targets `supplier` and binds `buyer` (any class: embargoes, import
 * bans, programmes, export bans, list-based measures), oldest first.
 */
export function measuresAgainst(
  supplier: string,
  buyer: string,
  dateIso: string,
  register: readonly SanctionMeasure[] = SANCTIONS,
): SanctionMeasure[] {
  checkIso3(supplier, 'supplier');
  checkIso3(buyer, 'buyer');
  checkDate(dateIso);
  return register
    .filter((m) => m.targets.includes(supplier) && bindsBuyer(m, buyer) && inForceOn(m, dateIso))
    .sort((a, b) => a.effective.localeCompare(b.effective) || a.id.localeCompare(b.id));
}

/** The measures that forbid `buyer` to buy from `supplier` on `dateIso` (for a mineral or HS code if given). */
export const purchaseBans = (
  supplier: string,
  buyer: string,
  dateIso: string,
  what: { mineral?: string; hs6?: string } = {},
  register: readonly SanctionMeasure[] = SANCTIONS,
) => measuresAgainst(supplier, buyer, dateIso, register).filter((m) => forbidsPurchase(m, what));

/**
 * True when a measure in force forbids `buyer` to buy from `supplier` on `dateIso`: an embargo, or (when a mineral
 * or HS6 code is given) an import ban or sector sanctions covering it.
 */
export const mayNotSupply = (
  supplier: string,
  buyer: string,
  dateIso: string,
  what: { mineral?: string; hs6?: string } = {},
  register: readonly SanctionMeasure[] = SANCTIONS,
) => purchaseBans(supplier, buyer, dateIso, what, register).length > 0;

/** Every state targeted by at least one measure in the register. */
export const sanctionedStates = (register: readonly SanctionMeasure[] = SANCTIONS) =>
  [...new Set(register.flatMap((m) => m.targets))].sort();

export interface PartnerScreen {
  country: string;
  /** At least one measure in force binds a trio member (or every state, UN) against the country. */
  flagged: boolean;
  /** Excluded from a default ranking (see partnerScreen). */
  excluded: boolean;
  measures: {
    id: string;
    imposer: string;
    class: SanctionClass;
    instrument: string;
    effective: string;
    binds: string[];
    forbidsPurchase: boolean;
    verification: Verification;
    source: string;
  }[];
  reason: string | null;
}

/**
 * The partner screen: a candidate is flagged when any measure in force on `dateIso` targets it and binds one of
 * the `buyers` (the trio); it is excluded from the default ranking when such a measure is an embargo or a
 * country-wide programme (the trio cannot make it a partner), or forbids the purchase of every mineral in scope.
 * Import bans and list-based measures that leave the minerals in scope open only flag it.
 */
export function partnerScreen(
  country: string,
  buyers: readonly string[],
  dateIso: string,
  minerals: readonly string[],
  register: readonly SanctionMeasure[] = SANCTIONS,
): PartnerScreen {
  const byId = new Map<string, { m: SanctionMeasure; binds: string[] }>();
  for (const b of buyers)
    for (const m of measuresAgainst(country, b, dateIso, register)) {
      const hit = byId.get(m.id) ?? { m, binds: [] };
      hit.binds.push(b);
      byId.set(m.id, hit);
    }
  const measures = [...byId.values()].map(({ m, binds }) => ({
    id: m.id,
    imposer: m.imposer,
    class: m.class,
    instrument: m.instrument,
    effective: m.effective,
    binds,
    forbidsPurchase: minerals.length > 0 && minerals.every((mineral) => forbidsPurchase(m, { mineral })),
    verification: m.verification,
    source: m.source.url,
  }));
  const blocking = measures.filter(
    (m) => m.class === 'embargo' || m.class === 'country_programme' || m.forbidsPurchase,
  );
  return {
    country,
    flagged: measures.length > 0,
    excluded: blocking.length > 0,
    measures,
    reason: blocking.length
      ? blocking
          .map((m) => `${m.id} (${m.imposer}, ${m.class.replace('_', ' ')}, in force since ${m.effective})`)
          .join('; ')
      : null,
  };
}
