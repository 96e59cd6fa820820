// The export-control register (export-controls.yaml): dated, cited export restrictions on critical minerals,
// validated by zod at load time, with a query for the measures in force for (mineral, date, destination).
// A measure is in force on date d when effective ≤ d < ended (ended null = open-ended) and no suspension
// period [from, until) covers d.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MINERALS } from '../model/minerals.ts';

/** The date the register's `status` fields were last reviewed against their sources. */
export const REGISTER_REVIEWED = '2026-11-28';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD');
const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code such as CHN');
const mineralIds = new Set(MINERALS.map((m) => m.id));

const SourceSchema = z.object({ title: z.string().min(1), url: z.string().url(), date: IsoDate });

export const MeasureType = z.enum(['licensing', 'ban', 'quota', 'tax', 'suspension']);
export type MeasureType = z.infer<typeof MeasureType>;

export const ExportControlSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    imposer: Iso3,
    minerals: z
      .array(
        z
          .string()
          .refine((m) => mineralIds.has(m), { message: 'not a model mineral id (src/model/minerals.ts)' }),
      )
      .min(1),
    otherMaterials: z.array(z.string()).default([]),
    hs6: z.array(z.string().regex(/^\d{6}$/, 'a six-digit HS code')).min(1),
    type: MeasureType,
    targets: z.union([z.literal('all'), z.array(Iso3).min(1)]),
    announced: IsoDate,
    effective: IsoDate,
    ended: IsoDate.nullable(),
    suspensions: z
      .array(z.object({ from: IsoDate, until: IsoDate.nullable(), source: SourceSchema }))
      .default([]),
    status: z.enum(['in_force', 'suspended', 'ended', 'replaced']),
    replacedBy: z.string().optional(),
    summary: z.string().min(1),
    source: SourceSchema,
    alsoSee: z.array(SourceSchema).default([]),
  })
  .refine((m) => m.ended === null || m.ended > m.effective, {
    message: 'ended must be after effective',
    path: ['ended'],
  });
export type ExportControl = z.infer<typeof ExportControlSchema>;

/** Validates register entries; errors name the entry (id or index) and the field. */
export function parseRegister(raw: unknown, file = 'export-controls.yaml'): ExportControl[] {
  if (!Array.isArray(raw)) throw new Error(`${file}: expected a list of measures`);
  const out = raw.map((entry, i) => {
    const r = ExportControlSchema.safeParse(entry);
    if (r.success) return r.data;
    const name = (entry as { id?: unknown })?.id ?? `#${i + 1}`;
    const issues = r.error.issues.map((x) => `${x.path.join('.') || '(entry)'}: ${x.message}`).join('; ');
    throw new Error(`${file}: entry ${String(name)}: ${issues}`);
  });
  const ids = new Set<string>();
  for (const m of out) {
    if (ids.has(m.id)) throw new Error(`${file}: entry ${m.id}: duplicate id`);
    ids.add(m.id);
  }
  for (const m of out)
    if (m.replacedBy && !ids.has(m.replacedBy))
      throw new Error(`${file}: entry ${m.id}: replacedBy: unknown id "${m.replacedBy}"`);
  return out;
}

const FILE = new URL('./export-controls.yaml', import.meta.url);
export const EXPORT_CONTROLS: readonly ExportControl[] = parseRegister(parse(readFileSync(FILE, 'utf8')));

export const exportControlById = (id: string) => EXPORT_CONTROLS.find((m) => m.id === id);

export type MeasureState = 'not_announced' | 'announced' | 'in_force' | 'suspended' | 'ended';

/** The state of a measure on an ISO date. */
export function stateOn(m: ExportControl, date: string): MeasureState {
  if (date < m.announced) return 'not_announced';
  if (date < m.effective) return 'announced';
  if (m.ended !== null && date >= m.ended) return 'ended';
  if (m.suspensions.some((s) => date >= s.from && (s.until === null || date < s.until))) return 'suspended';
  return 'in_force';
}

const targets = (m: ExportControl, country: string) => m.targets === 'all' || m.targets.includes(country);

export interface InForceQuery {
  mineral: string;
  /** ISO date YYYY-MM-DD. */
  date: string;
  /** Destination ISO3; omitted = measures that apply to all destinations only. */
  target?: string;
  /** Restrict to measures imposed by this exporter. */
  imposer?: string;
}

/** Measures in force on a date for a mineral (and destination), from the given register. */
export function measuresInForce(
  q: InForceQuery,
  register: readonly ExportControl[] = EXPORT_CONTROLS,
): ExportControl[] {
  return register.filter(
    (m) =>
      m.minerals.includes(q.mineral) &&
      (q.imposer === undefined || m.imposer === q.imposer) &&
      (q.target === undefined ? m.targets === 'all' : targets(m, q.target)) &&
      stateOn(m, q.date) === 'in_force',
  );
}

/** Every measure ever recorded for a mineral, oldest first. */
export const measuresFor = (mineral: string, register: readonly ExportControl[] = EXPORT_CONTROLS) =>
  register.filter((m) => m.minerals.includes(mineral)).sort((a, b) => a.effective.localeCompare(b.effective));
