// Preset scenarios reproducing real measures of the export-control register (src/catalog/export-controls.ts):
// origin, targets, start and end come from the register entry; the share cut of a licence regime is stated per
// preset (a licence regime is not a ban, so its cut is a stress assumption, widened by the Monte Carlo ranges);
// a quota regime gives tonnes per month, turned into a cut against the origin's USGS output when the run is
// resolved. Every preset names its evidence.

import { z } from 'zod';
import type { RestrictionSpec, ScenarioSpecInput } from '../analysis/scenario/spec.ts';
import { unknownChoice } from '../model/errors.ts';
import { exportControlById } from './export-controls.ts';

export interface Preset {
  id: string;
  name: string;
  spec: ScenarioSpecInput;
  /** What the preset reproduces and on what evidence (register entries, decisions, data). */
  evidence: { title: string; url?: string }[];
  notes: string[];
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

type PresetRestriction = Partial<z.input<typeof RestrictionSpec>> & Pick<RestrictionSpec, 'origins'>;

/** A restriction from a register entry: origin = imposer, targets, start and duration from its dates. */
function fromRegister(
  id: string,
  start: string,
  o: {
    shareCut?: number;
    quotaTonnesPerMonth?: number;
    minerals?: string[];
    stage?: RestrictionSpec['stage'];
    from?: string;
    durationMonths?: number | null;
    suffix?: string;
  },
): PresetRestriction {
  const m = exportControlById(id);
  if (!m) throw new Error(`export-control register has no entry ${id}`);
  const effective = monthIndex((o.from ?? m.effective).slice(0, 7));
  const end = m.ended ?? m.suspensions[0]?.from ?? null;
  return {
    id: o.suffix ? `${id}-${o.suffix}` : id,
    exportControlId: id,
    origins: [m.imposer],
    minerals: o.minerals,
    targets: m.targets,
    stage: o.stage ?? 'shipped',
    ...(o.quotaTonnesPerMonth !== undefined
      ? { quotaTonnesPerMonth: o.quotaTonnesPerMonth }
      : { shareCut: o.shareCut ?? 1 }),
    startMonth: Math.max(0, effective - monthIndex(start)),
    durationMonths:
      o.durationMonths !== undefined
        ? o.durationMonths
        : end
          ? Math.max(1, monthIndex(end.slice(0, 7)) - effective)
          : null,
  };
}

const source = (id: string) => {
  const m = exportControlById(id);
  return m ? { title: `${m.source.title} (register: ${id})`, url: m.source.url } : { title: id };
};

/**
 * DRC cobalt export quotas (ARECOMS Decision No. 004/ARECOMS/2025 of 20 September 2025, register entry
 * cd-co-quota-2025): 3,625 t for October 2025 (the quota regime starts on 16 October), 7,250 t a month for November
 * and December 2025, 96,600 t for 2026 (87,000 t base + 9,600 t strategic) and the same for 2027.
 */
export const DRC_QUOTA = {
  october2025: 3625,
  perMonthNovDec2025: 7250,
  perYear2026: 96_600,
  perYear2027: 96_600,
} as const;

export const PRESETS: Preset[] = [
  {
    id: 'cn-ga-ge-licensing-2023',
    name: "China's gallium and germanium export licensing (Aug 2023)",
    spec: {
      name: "China's gallium and germanium export licensing (Aug 2023)",
      minerals: ['gallium', 'germanium'],
      baselineYear: 2022,
      start: '2023-08',
      horizonMonths: 36,
      restrictions: [
        fromRegister('cn-ga-ge-licensing-2023', '2023-08', { shareCut: 0.5, durationMonths: 12 }),
      ],
      sources: [source('cn-ga-ge-licensing-2023')],
    },
    evidence: [
      source('cn-ga-ge-licensing-2023'),
      {
        title:
          "China's monthly exports of HS 811292 by destination, 2017–2024 (shared data trade/china-exports-monthly, from UN Comtrade): the calibration of the cut",
      },
    ],
    notes: [
      'Licensing, not a ban: 50% of China’s baseline shipments stopped for 12 months is a stress assumption; the calibration against China’s monthly 811292 exports says what the customs series shows.',
      'Gallium and germanium share HS 811292 with indium, niobium, rhenium and others: trade gives only the shares of each importer’s origins; the tonnes come from USGS and national consumption figures.',
      'Baseline 2022, the last full year before the measure.',
    ],
  },
  {
    id: 'cn-ga-ge-us-ban-2024',
    name: "China's ban on gallium and germanium exports to the United States (Dec 2024)",
    spec: {
      name: "China's ban on gallium and germanium exports to the United States (Dec 2024)",
      minerals: ['gallium', 'germanium'],
      baselineYear: 2024,
      start: '2024-12',
      horizonMonths: 36,
      restrictions: [
        fromRegister('cn-ga-ge-sb-us-ban-2024', '2024-12', {
          shareCut: 1,
          minerals: ['gallium', 'germanium'],
        }),
      ],
      sources: [source('cn-ga-ge-sb-us-ban-2024')],
    },
    evidence: [source('cn-ga-ge-sb-us-ban-2024')],
    notes: [
      'Full cut of what China ships to the United States until the ban’s suspension (register dates); gallium refined in China and shipped through third countries is not cut (the ban binds China’s direct exports).',
    ],
  },
  {
    id: 'cn-w-mo-2025',
    name: "China's tungsten and molybdenum export controls (Feb 2025)",
    spec: {
      name: "China's tungsten and molybdenum export controls (Feb 2025)",
      minerals: ['tungsten', 'molybdenum'],
      baselineYear: 2024,
      start: '2025-02',
      horizonMonths: 36,
      restrictions: [fromRegister('cn-w-te-bi-mo-in-2025', '2025-02', { shareCut: 0.5 })],
      sources: [source('cn-w-te-bi-mo-in-2025')],
    },
    evidence: [source('cn-w-te-bi-mo-in-2025')],
    notes: [
      'Licensing regime in force with no end date: 50% of China’s baseline shipments stopped is a stress assumption.',
      'The shared data has no molybdenum trade: molybdenum is listed as a gap, not simulated.',
    ],
  },
  {
    id: 'cd-co-suspension-2025',
    name: 'DRC cobalt export suspension (Feb 2025)',
    spec: {
      name: 'DRC cobalt export suspension (Feb 2025)',
      minerals: ['cobalt'],
      baselineYear: 2024,
      start: '2025-02',
      horizonMonths: 36,
      restrictions: [fromRegister('cd-co-suspension-2025', '2025-02', { shareCut: 1, stage: 'mined' })],
      sources: [source('cd-co-suspension-2025')],
    },
    evidence: [source('cd-co-suspension-2025')],
    notes: [
      'A cut at the mine stage: the DRC’s cobalt stops wherever it would have been refined (China’s refiners first) and whoever ships it on, so it reaches Korea, Japan and the United States through every hop the trace can follow.',
      'The quota regime that replaced the suspension is the preset cd-co-quota-2025.',
    ],
  },
  {
    id: 'cd-co-quota-2025',
    name: 'DRC cobalt export quotas (Oct 2025 – 2027)',
    spec: {
      name: 'DRC cobalt export quotas (Oct 2025 – 2027)',
      minerals: ['cobalt'],
      baselineYear: 2024,
      start: '2025-10',
      horizonMonths: 36,
      restrictions: [
        fromRegister('cd-co-quota-2025', '2025-10', {
          stage: 'mined',
          quotaTonnesPerMonth: DRC_QUOTA.october2025,
          durationMonths: 1,
          suffix: 'oct-2025',
        }),
        fromRegister('cd-co-quota-2025', '2025-10', {
          stage: 'mined',
          from: '2025-11-01',
          quotaTonnesPerMonth: DRC_QUOTA.perMonthNovDec2025,
          durationMonths: 2,
          suffix: 'nov-dec-2025',
        }),
        fromRegister('cd-co-quota-2025', '2025-10', {
          stage: 'mined',
          from: '2026-01-01',
          quotaTonnesPerMonth: DRC_QUOTA.perYear2026 / 12,
          durationMonths: 12,
          suffix: '2026',
        }),
        fromRegister('cd-co-quota-2025', '2025-10', {
          stage: 'mined',
          from: '2027-01-01',
          quotaTonnesPerMonth: DRC_QUOTA.perYear2027 / 12,
          durationMonths: 12,
          suffix: '2027',
        }),
      ],
      sources: [source('cd-co-quota-2025')],
    },
    evidence: [
      source('cd-co-quota-2025'),
      {
        title: 'USGS world mine production of cobalt by country (the DRC’s output the quota is set against)',
      },
    ],
    notes: [
      'Quota volumes of ARECOMS Decision No. 004/ARECOMS/2025: 3,625 t in October 2025 (regime from 16 October), 7,250 t a month in November–December 2025, 96,600 t a year in 2026 and 2027 (8,050 t a month); each is a cut against the DRC’s USGS mine output of the baseline year, at the mine stage.',
      'After December 2027 the register records no quota: the run lifts the cut then. The decision allows quarterly adjustment, which the run does not anticipate.',
      'Stocks start at their catalogued levels: the drawdown during the February–October 2025 suspension (preset cd-co-suspension-2025) is not carried over.',
    ],
  },
  {
    id: 'cn-sb-2024',
    name: "China's antimony export licensing (Sep 2024) and ban on exports to the United States (Dec 2024)",
    spec: {
      name: "China's antimony export licensing (Sep 2024) and ban on exports to the United States (Dec 2024)",
      minerals: ['antimony'],
      baselineYear: 2023,
      start: '2024-09',
      horizonMonths: 36,
      restrictions: [
        fromRegister('cn-sb-licensing-2024', '2024-09', { shareCut: 0.5 }),
        fromRegister('cn-ga-ge-sb-us-ban-2024', '2024-09', { shareCut: 1, minerals: ['antimony'] }),
      ],
      sources: [source('cn-sb-licensing-2024'), source('cn-ga-ge-sb-us-ban-2024')],
    },
    evidence: [source('cn-sb-licensing-2024'), source('cn-ga-ge-sb-us-ban-2024')],
    notes: [
      'Licensing to every destination from 15 September 2024 (a 50% stress cut, an assumption), and the full ban on exports to the United States from 3 December 2024 until its suspension on 9 November 2025 (register dates).',
      'Baseline 2023, the last full year before the measures.',
    ],
  },
  {
    id: 'cn-all-four-trio',
    name: 'China cuts all four case-study minerals to the trio',
    spec: {
      name: 'China cuts all four case-study minerals to the trio',
      minerals: ['cobalt', 'gallium', 'molybdenum', 'tungsten'],
      baselineYear: 2024,
      start: '2025-01',
      horizonMonths: 36,
      restrictions: [
        { id: 'cn-trio-all', origins: ['CHN'], targets: ['KOR', 'JPN', 'USA'], shareCut: 1, startMonth: 0 },
      ],
    },
    evidence: [
      { title: 'Hypothetical stress case: no measure of the register; no evidence that it is planned' },
    ],
    notes: [
      'Hypothetical: a full, open-ended cut of what China ships to Korea, Japan and the United States; others keep buying from China.',
      'The shared data has no molybdenum trade: molybdenum is listed as a gap, not simulated.',
    ],
  },
];

export const presetById = (id: string) => PRESETS.find((p) => p.id === id);

export const PRESET_IDS = PRESETS.map((p) => p.id);

/** A preset id, for other services' parameters (an unknown id is a field-level 400 / exit 2). */
export const ScenarioPresetId = z.string().refine((id) => PRESET_IDS.includes(id), {
  message: `unknown scenario preset; valid: ${PRESET_IDS.join(', ')}`,
});

export function requirePreset(id: string): Preset {
  return presetById(id) ?? unknownChoice('scenario preset', id, PRESET_IDS, 'scenario');
}
