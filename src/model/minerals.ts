// Minerals, their supply-chain stages, HS6 codes per stage and the USGS series that feed them.
// HS6 descriptions: WCO HS 2017 nomenclature. Which codes the shared BACI extract carries (one "title" code per
// material): shared/data/trade/baci-critical/crosswalk.json. USGS chapters and series: Mineral Commodity
// Summaries 2022–2026 (doi:10.5066/P1WKQ63T and earlier releases).
import { z } from 'zod';

export const Stage = z.enum(['mine', 'refinery', 'processed', 'manufactured']);
export type Stage = z.infer<typeof Stage>;

export const HsCodeSchema = z.object({
  hs6: z.string().regex(/^\d{6}$/),
  stage: Stage,
  description: z.string(),
  /** Other materials classified under the same code: their trade cannot be told apart. */
  sharedWith: z.array(z.string()).default([]),
  /** True where the shared BACI extract carries this code. */
  inBaci: z.boolean().default(false),
});
export type HsCode = z.infer<typeof HsCodeSchema>;

export const UsgsSeriesSchema = z.object({
  stage: z.enum(['mine', 'refinery', 'primary']),
  /** Matches the USGS row label (MCS 2026 Statistics_detail; 2022–2025 Type), case-insensitive. */
  pattern: z.string(),
});

export const MineralSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  tier: z.enum(['case-study', 'priority', 'other']),
  hs: z.array(HsCodeSchema),
  /** BACI material names in the shared flow files that carry this mineral. */
  baciMaterials: z.array(z.string()),
  usgs: z
    .object({
      /** MCS 2026 "MCS chapter"; MCS 2025 COMMODITY (trimmed, lower-cased); MCS 2022–2024 file code. */
      chapter2026: z.string(),
      commodity2025: z.array(z.string()),
      fileCode: z.string(),
      series: z.array(UsgsSeriesSchema),
    })
    .nullable(),
  notes: z.array(z.string()).default([]),
});
export type Mineral = z.infer<typeof MineralSchema>;

const hs = (hs6: string, stage: Stage, description: string, extra: Partial<HsCode> = {}): HsCode =>
  HsCodeSchema.parse({ hs6, stage, description, ...extra });
const mine = (pattern = 'mine production(?!.*(palladium|platinum))') => ({ stage: 'mine' as const, pattern });

const SHARED_811292 = ['gallium', 'germanium', 'indium', 'niobium', 'rhenium', 'hafnium', 'vanadium'];

const HS_811292 = () =>
  hs('811292', 'refinery', 'Unwrought Ga, Ge, In, Nb, Re, Hf, V; powders', {
    inBaci: true,
    sharedWith: SHARED_811292,
  });

const RAW: z.input<typeof MineralSchema>[] = [
  {
    id: 'cobalt',
    name: 'Cobalt',
    tier: 'case-study',
    baciMaterials: ['cobalt'],
    hs: [
      hs('260500', 'mine', 'Cobalt ores and concentrates'),
      hs('282200', 'refinery', 'Cobalt oxides and hydroxides', { inBaci: true }),
      hs('810520', 'refinery', 'Cobalt mattes, intermediate products; unwrought cobalt; powders'),
      hs('810590', 'processed', 'Cobalt articles n.e.s.'),
    ],
    usgs: { chapter2026: 'COBALT', commodity2025: ['cobalt'], fileCode: 'cobal', series: [mine()] },
    notes: ['USGS MCS files carry no refinery series for cobalt (SOURCES.md known gap).'],
  },
  {
    id: 'gallium',
    name: 'Gallium',
    tier: 'case-study',
    baciMaterials: ['gallium'],
    hs: [
      hs('811292', 'refinery', 'Unwrought Ga, Ge, In, Nb, Re, Hf, V, Tl; powders', {
        inBaci: true,
        sharedWith: SHARED_811292,
      }),
    ],
    usgs: {
      chapter2026: 'GALLIUM',
      commodity2025: ['gallium'],
      fileCode: 'galli',
      series: [{ stage: 'primary', pattern: '^primary production' }],
    },
    notes: [
      'HS 811292 is shared with germanium, indium, niobium, rhenium and others: trade values are an upper bound for gallium.',
    ],
  },
  {
    id: 'molybdenum',
    name: 'Molybdenum',
    tier: 'case-study',
    baciMaterials: [],
    hs: [
      hs('261310', 'mine', 'Molybdenum ores and concentrates, roasted'),
      hs('261390', 'mine', 'Molybdenum ores and concentrates, other'),
      hs('282570', 'refinery', 'Molybdenum oxides and hydroxides'),
      hs('720270', 'processed', 'Ferro-molybdenum'),
      hs('810210', 'refinery', 'Molybdenum powders'),
      hs('810294', 'refinery', 'Unwrought molybdenum'),
    ],
    usgs: { chapter2026: 'MOLYBDENUM', commodity2025: ['molybdenum'], fileCode: 'molyb', series: [mine()] },
    notes: [
      'The shared data has no molybdenum trade at all (HS 2613, 8102, 720270): trade-based results are a gap.',
    ],
  },
  {
    id: 'tungsten',
    name: 'Tungsten',
    tier: 'case-study',
    baciMaterials: ['tungsten'],
    hs: [
      hs('261100', 'mine', 'Tungsten ores and concentrates'),
      hs('284180', 'refinery', 'Tungstates (incl. ammonium paratungstate)'),
      hs('810110', 'refinery', 'Tungsten powders'),
      hs('810194', 'refinery', 'Unwrought tungsten', { inBaci: true }),
      hs('720280', 'processed', 'Ferro-tungsten and ferro-silico-tungsten'),
    ],
    usgs: { chapter2026: 'TUNGSTEN', commodity2025: ['tungsten'], fileCode: 'tungs', series: [mine()] },
  },
  {
    id: 'lithium',
    name: 'Lithium',
    tier: 'priority',
    baciMaterials: ['lithium'],
    hs: [
      hs('283691', 'refinery', 'Lithium carbonates', { inBaci: true }),
      hs('282520', 'refinery', 'Lithium oxide and hydroxide'),
    ],
    usgs: { chapter2026: 'LITHIUM', commodity2025: ['lithium'], fileCode: 'lithi', series: [mine()] },
  },
  {
    id: 'nickel',
    name: 'Nickel',
    tier: 'priority',
    baciMaterials: ['nickel'],
    hs: [
      hs('260400', 'mine', 'Nickel ores and concentrates'),
      hs('750210', 'refinery', 'Unwrought nickel, not alloyed', { inBaci: true }),
      hs('720260', 'processed', 'Ferro-nickel'),
    ],
    usgs: { chapter2026: 'NICKEL', commodity2025: ['nickel'], fileCode: 'nicke', series: [mine()] },
  },
  {
    id: 'graphite',
    name: 'Graphite (natural)',
    tier: 'priority',
    baciMaterials: ['graphite'],
    hs: [
      hs('250410', 'mine', 'Natural graphite in powder or flakes'),
      hs('250490', 'mine', 'Natural graphite, other', { inBaci: true }),
    ],
    usgs: {
      chapter2026: 'GRAPHITE (NATURAL)',
      commodity2025: ['graphite (natural)', 'graphite'],
      fileCode: 'graph',
      series: [mine()],
    },
  },
  {
    id: 'rare-earths',
    name: 'Rare earths',
    tier: 'priority',
    baciMaterials: ['magnets'],
    hs: [
      hs('280530', 'refinery', 'Rare-earth metals, scandium and yttrium'),
      hs('284690', 'refinery', 'Rare-earth compounds, other'),
      hs('850511', 'manufactured', 'Permanent magnets of metal', {
        inBaci: true,
        sharedWith: ['AlNiCo and SmCo magnets'],
      }),
    ],
    usgs: { chapter2026: 'RARE EARTHS', commodity2025: ['rare earths'], fileCode: 'raree', series: [mine()] },
    notes: ['The shared BACI extract carries only HS 850511 (metal permanent magnets) for rare earths.'],
  },
  {
    id: 'germanium',
    name: 'Germanium',
    tier: 'priority',
    baciMaterials: ['germanium'],
    hs: [
      hs('811292', 'refinery', 'Unwrought Ga, Ge, In, Nb, Re, Hf, V, Tl; powders', {
        inBaci: true,
        sharedWith: SHARED_811292,
      }),
    ],
    usgs: {
      chapter2026: 'GERMANIUM',
      commodity2025: ['germanium'],
      fileCode: 'germa',
      series: [{ stage: 'refinery', pattern: 'refinery production' }],
    },
    notes: [
      'USGS publishes a germanium world refinery table only in MCS 2022–2024 (years 2020–2023); MCS 2025 and 2026 have none.',
    ],
  },
  {
    id: 'indium',
    name: 'Indium',
    tier: 'other',
    baciMaterials: [],
    hs: [HS_811292()],
    usgs: {
      chapter2026: 'INDIUM',
      commodity2025: ['indium'],
      fileCode: 'indiu',
      series: [{ stage: 'refinery', pattern: 'refinery production' }],
    },
  },
  {
    id: 'rhenium',
    name: 'Rhenium',
    tier: 'other',
    baciMaterials: [],
    hs: [HS_811292()],
    usgs: { chapter2026: 'RHENIUM', commodity2025: ['rhenium'], fileCode: 'rheni', series: [mine()] },
  },
  {
    id: 'antimony',
    name: 'Antimony',
    tier: 'priority',
    baciMaterials: ['antimony'],
    hs: [
      hs('261710', 'mine', 'Antimony ores and concentrates'),
      hs('811010', 'refinery', 'Unwrought antimony; powders', { inBaci: true }),
    ],
    usgs: { chapter2026: 'ANTIMONY', commodity2025: ['antimony'], fileCode: 'antim', series: [mine()] },
  },
  {
    id: 'manganese',
    name: 'Manganese',
    tier: 'priority',
    baciMaterials: ['manganese'],
    hs: [
      hs('260200', 'mine', 'Manganese ores and concentrates', { inBaci: true }),
      hs('811100', 'refinery', 'Manganese and articles thereof'),
      hs('720211', 'processed', 'Ferro-manganese, > 2% carbon'),
      hs('720219', 'processed', 'Ferro-manganese, other'),
      hs('720230', 'processed', 'Ferro-silico-manganese'),
    ],
    usgs: { chapter2026: 'MANGANESE', commodity2025: ['manganese'], fileCode: 'manga', series: [mine()] },
  },
  {
    id: 'platinum',
    name: 'Platinum',
    tier: 'priority',
    baciMaterials: ['platinum'],
    hs: [hs('711011', 'refinery', 'Platinum, unwrought or in powder form', { inBaci: true })],
    usgs: {
      chapter2026: 'PLATINUM-GROUP METALS',
      commodity2025: ['platinum-group metals'],
      fileCode: 'plati',
      series: [{ stage: 'mine', pattern: 'platinum' }],
    },
  },
  {
    id: 'palladium',
    name: 'Palladium',
    tier: 'priority',
    baciMaterials: ['palladium'],
    hs: [hs('711021', 'refinery', 'Palladium, unwrought or in powder form', { inBaci: true })],
    usgs: {
      chapter2026: 'PLATINUM-GROUP METALS',
      commodity2025: ['platinum-group metals'],
      fileCode: 'plati',
      series: [{ stage: 'mine', pattern: 'palladium' }],
    },
  },
  {
    id: 'copper',
    name: 'Copper',
    tier: 'other',
    baciMaterials: ['copper'],
    hs: [
      hs('260300', 'mine', 'Copper ores and concentrates'),
      hs('740311', 'refinery', 'Refined copper cathodes', { inBaci: true }),
    ],
    usgs: {
      chapter2026: 'COPPER',
      commodity2025: ['copper'],
      fileCode: 'coppe',
      series: [mine(), { stage: 'refinery', pattern: 'refinery production' }],
    },
  },
];

/** The other BACI critical codes, so that every one of the 32 codes in the shared extract maps to a material. */
const OTHER_BACI: [string, string, string, Stage][] = [
  ['magnesium', 'Magnesium', '810411', 'refinery'],
  ['hafnium', 'Hafnium', '811292', 'refinery'],
  ['niobium', 'Niobium', '720293', 'processed'],
  ['boron', 'Boron', '252800', 'mine'],
  ['fluorspar', 'Fluorspar', '252922', 'mine'],
  ['titanium', 'Titanium', '810820', 'refinery'],
  ['silicon', 'Silicon', '280469', 'refinery'],
  ['feldspar', 'Feldspar', '252910', 'mine'],
  ['vanadium', 'Vanadium', '720292', 'processed'],
  ['bauxite', 'Bauxite', '260600', 'mine'],
  ['phosphate', 'Phosphate rock', '251010', 'mine'],
  ['baryte', 'Baryte', '251110', 'mine'],
  ['arsenic', 'Arsenic', '280480', 'refinery'],
  ['beryllium', 'Beryllium', '811212', 'refinery'],
  ['strontium', 'Strontium', '283692', 'refinery'],
  ['phosphorus', 'Phosphorus', '280470', 'refinery'],
  ['tantalum', 'Tantalum', '810320', 'refinery'],
  ['cokingcoal', 'Coking coal', '270112', 'mine'],
  ['helium', 'Helium', '280429', 'refinery'],
];
/** USGS mine series of the other BACI materials that are also in the 811292 producer basket. */
const OTHER_USGS: Record<string, Mineral['usgs']> = {
  niobium: {
    chapter2026: 'NIOBIUM (COLUMBIUM)',
    commodity2025: ['niobium (columbium)', 'niobium'],
    fileCode: 'niobi',
    series: [mine()],
  },
  vanadium: { chapter2026: 'VANADIUM', commodity2025: ['vanadium'], fileCode: 'vanad', series: [mine()] },
};
for (const [id, name, code, stage] of OTHER_BACI) {
  RAW.push({
    id,
    name,
    tier: 'other',
    baciMaterials: [id],
    usgs: OTHER_USGS[id] ?? null,
    hs: [
      hs(code, stage, `${name} (BACI critical-material title code)`, {
        inBaci: true,
        sharedWith: code === '811292' ? SHARED_811292 : [],
      }),
    ],
  });
}

export const MINERALS: readonly Mineral[] = RAW.map((m) => MineralSchema.parse(m));
const byId = new Map(MINERALS.map((m) => [m.id, m]));

export const CASE_STUDY_MINERALS = MINERALS.filter((m) => m.tier === 'case-study').map((m) => m.id);

export const mineralById = (id: string) => byId.get(id.toLowerCase());

/** The mineral a BACI material name belongs to (e.g. "magnets" → rare-earths). */
export function mineralForBaciMaterial(material: string): Mineral | undefined {
  return MINERALS.find((m) => m.baciMaterials.includes(material));
}
