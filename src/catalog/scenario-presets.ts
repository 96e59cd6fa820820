// Preset scenarios reproducing real measures of the export-control register (src/catalog/export-controls.ts):
// origin, targets, start and end come from the register entry; the share cut is stated per preset (a licence
// regime is not a ban, so its cut is a stress assumption, widened by the Monte Carlo ranges).

import type { RestrictionSpec, ScenarioSpecInput } from '../analysis/scenario/spec.ts';
import { unknownChoice } from '../model/errors.ts';
import { exportControlById } from './export-controls.ts';

export interface Preset {
  id: string;
  name: string;
  spec: ScenarioSpecInput;
  notes: string[];
}

const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;

/** A restriction from a register entry: origin = imposer, targets, start and duration from its dates. */
function fromRegister(
  id: string,
  start: string,
  o: { shareCut: number; minerals?: string[]; durationMonths?: number | null; lookThrough?: boolean },
): z_Restriction {
  const m = exportControlById(id);
  if (!m) throw new Error(`export-control register has no entry ${id}`);
  const effective = monthIndex(m.effective.slice(0, 7));
  const end = m.ended ?? m.suspensions[0]?.from ?? null;
  return {
    id,
    exportControlId: id,
    origins: [m.imposer],
    minerals: o.minerals,
    targets: m.targets,
    lookThrough: o.lookThrough ?? false,
    shareCut: o.shareCut,
    startMonth: Math.max(0, effective - monthIndex(start)),
    durationMonths:
      o.durationMonths !== undefined
        ? o.durationMonths
        : end
          ? Math.max(1, monthIndex(end.slice(0, 7)) - effective)
          : null,
  };
}
type z_Restriction = Partial<RestrictionSpec> & Pick<RestrictionSpec, 'origins' | 'shareCut'>;

const source = (id: string) => {
  const m = exportControlById(id);
  return m ? { title: `${m.source.title} (register: ${id})`, url: m.source.url } : { title: id };
};

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
    notes: [
      'Licensing, not a ban: 50% of China’s baseline shipments stopped for 12 months is a stress assumption.',
      'Gallium and germanium share HS 811292 with indium, niobium, rhenium and others: both minerals are run on the same 811292 network, an upper bound for each.',
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
    notes: [
      'Full cut of China’s direct shipments to the United States until the ban’s suspension (register dates); transshipment is not modelled.',
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
      restrictions: [fromRegister('cd-co-suspension-2025', '2025-02', { shareCut: 1, lookThrough: true })],
      sources: [source('cd-co-suspension-2025')],
    },
    notes: [
      'HS 282200 (oxides and hydroxides, which carries the DRC’s cobalt hydroxide): the trio imports little from the DRC directly, so the cut also reaches third countries’ shipments in proportion to their own imports from the DRC (one-hop look-through, e.g. China’s refiners).',
      'The quota regime that replaced the suspension (register: cd-co-quota-2025) is not part of this preset.',
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
    notes: [
      'Hypothetical: a full, open-ended cut of China’s direct shipments to Korea, Japan and the United States; others keep buying from China.',
      'The shared data has no molybdenum trade: molybdenum is listed as a gap, not simulated.',
    ],
  },
];

export const presetById = (id: string) => PRESETS.find((p) => p.id === id);

export function requirePreset(id: string): Preset {
  return (
    presetById(id) ??
    unknownChoice(
      'scenario preset',
      id,
      PRESETS.map((p) => p.id),
      'scenario',
    )
  );
}
