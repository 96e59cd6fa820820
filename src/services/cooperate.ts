// Cooperation agenda service: the net assessment (for the gaps each opportunity closes), measured effects from the
// other services where they exist — swap days gained (src/services/scenario.ts), share of trio imports in shared
// trade codes (BACI via src/analysis/code-audit.ts), partner ranks (src/services/partners.ts) — then scores,
// sensitivity and recommendations (src/analysis/cooperation.ts). A missing measured effect is a listed gap.
import { z } from 'zod';
import { codeAudit } from '../analysis/code-audit.ts';
import {
  COOPERATION_WEIGHTS,
  type Criterion,
  cooperationAgenda,
  type MeasuredEffect,
  SENSITIVITY_DEFAULTS,
} from '../analysis/cooperation.ts';
import { DEFAULT_COOPERATION_FILE, loadCooperationCatalog, type Measure } from '../catalog/cooperation.ts';
import { ScenarioPresetId } from '../catalog/scenario-presets.ts';
import { TRIO } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS } from '../model/minerals.ts';
import type { CooperateResult } from '../model/results/cooperate.ts';
import type { Db } from '../store/db.ts';
import { importsByCode, latestBaciYear } from '../store/queries/netassess.ts';
import { netAssess } from './netassess.ts';
import { partners } from './partners.ts';
import { runScenario } from './scenario.ts';

export const CooperateParams = z.object({
  /** "gapClosure=0.5,readiness=0.1" — unspecified criteria keep their default weight. */
  weights: z.string().optional(),
  draws: z.coerce.number().int().min(0).max(100_000).default(SENSITIVITY_DEFAULTS.draws),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(SENSITIVITY_DEFAULTS.seed),
  year: z.coerce.number().int().min(2002).max(2100).optional(),
  catalogDir: z.string().optional(),
  cooperationFile: z.string().optional(),
  /** Ask the other services for measured effects (swap days, partner ranks) and the vulnerability overlay. */
  measure: z.boolean().default(true),
  /**
   * Scenario preset used for the swap-days measure: the U.S.-only gallium/germanium ban, where the two members
   * not targeted can lend — the case a swap agreement is for. An unknown id is refused naming the valid ones
   * (src/catalog/scenario-presets.ts ScenarioPresetId).
   */
  swapPreset: ScenarioPresetId.default('cn-ga-ge-us-ban-2024'),
});
export type CooperateParams = z.input<typeof CooperateParams>;

export type { CooperateResult } from '../model/results/cooperate.ts';

export function parseCriteriaWeights(spec: string | undefined): Partial<Record<Criterion, number>> {
  if (!spec) return {};
  const valid = Object.keys(COOPERATION_WEIGHTS) as Criterion[];
  const out: Partial<Record<Criterion, number>> = {};
  for (const part of spec.split(',')) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (!valid.includes(k as Criterion)) unknownChoice('criterion', k, valid, 'weights');
    const w = Number(v);
    if (!(w >= 0)) throw new UserInputError(`--weights: "${part}" needs a non-negative number`, 'weights');
    out[k as Criterion] = w;
  }
  return out;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const missing = (measure: Measure, unit: string, source: string, reason: string): MeasuredEffect => ({
  measure,
  value: null,
  unit,
  normalized: null,
  detail: '',
  source,
  reason,
});

/** Share (by value) of the trio's imports of the model minerals' HS codes that sit in codes shared by several materials. */
export async function sharedCodeShare(db: Db, year?: number): Promise<MeasuredEffect> {
  const source =
    'CEPII BACI (trade table) with HS code sharing from src/model/minerals.ts; src/analysis/code-audit.ts';
  const y = year ?? (await latestBaciYear(db));
  if (y === null)
    return missing('shared-code-share', 'share', source, 'insufficient_data: no BACI rows loaded');
  const codes = new Map<string, string[]>();
  for (const m of MINERALS)
    for (const h of m.hs)
      codes.set(h.hs6, [...new Set([...(codes.get(h.hs6) ?? []), m.id, ...h.sharedWith])]);
  const rows = await importsByCode(db, { year: y, importers: TRIO, codes: [...codes.keys()] });
  const byCode = new Map<string, number>();
  for (const r of rows) byCode.set(r.hs, (byCode.get(r.hs) ?? 0) + r.valueUsd);
  const auditCodes = [...codes].map(([hs6, materials]) => ({
    hs6,
    sharedWith: materials.length > 1 ? materials : [],
  }));
  const audit = codeAudit('*', auditCodes, byCode);
  if (audit.sharedShare === null)
    return missing('shared-code-share', 'share', source, `insufficient_data: no trio imports in ${y}`);
  const shared = audit.codes.filter((c) => c.shared && (byCode.get(c.hs6) ?? 0) > 0).map((c) => c.hs6);
  return {
    measure: 'shared-code-share',
    value: audit.sharedShare,
    unit: 'share of trio import value',
    normalized: audit.sharedShare,
    detail:
      `${(100 * audit.sharedShare).toFixed(1)}% of the trio's ${y} imports of the model minerals' HS codes ` +
      `(USD ${Math.round(audit.sharedValue).toLocaleString('en-US')} of ${Math.round(audit.totalValue).toLocaleString('en-US')}) ` +
      `sit in shared codes (${shared.join(', ')})`,
    source: `${source}, year ${y}`,
  };
}

/**
 * Days of demand a trilateral pool adds, per member and mineral, from the scenario service (issue 4). The
 * scenario's headline daysGained is the binding (smallest) gain across its minerals; the cooperation score
 * takes the mineral where pooling helps most (mean over members), and the evidence lists every mineral.
 */
export async function swapDaysGained(db: Db, preset: string): Promise<MeasuredEffect> {
  const source = `minsec scenario run ${preset} --pool KOR,JPN,USA (src/services/scenario.ts)`;
  try {
    const result = await runScenario(db, { preset, pool: [...TRIO] });
    const byMineral = result.pooling?.byMineral ?? [];
    if (!byMineral.length)
      return missing(
        'swap-days',
        'days',
        source,
        'insufficient_data: the scenario returned no pooling result',
      );
    const perMineral = byMineral.map((b) => ({
      mineral: b.mineral,
      mean: b.members.reduce((s, m) => s + m.daysGained, 0) / b.members.length,
      detail: b.members.map((m) => `${m.country} ${m.daysGained.toFixed(1)}`).join(', '),
    }));
    const best = perMineral.reduce((a, b) => (b.mean > a.mean ? b : a));
    return {
      measure: 'swap-days',
      value: best.mean,
      unit: `days of demand (mean over members, ${best.mineral})`,
      normalized: Math.min(1, Math.max(0, best.mean / SENSITIVITY_DEFAULTS.fullEffectSwapDays)),
      detail: `in preset ${preset}, pooling adds ${perMineral.map((m) => `${m.mineral}: ${m.detail}`).join('; ')} days`,
      source,
    };
  } catch (e) {
    if (!(e instanceof UserInputError)) throw e;
    return missing('swap-days', 'days', source, `scenario not available: ${message(e)}`);
  }
}

/** Top-ranked partner countries (evidence for partner-facing options; not a scored quantity). */
export async function partnerRanks(db: Db): Promise<MeasuredEffect> {
  const source = 'minsec partners (src/services/partners.ts)';
  try {
    const result = await partners(db, { draws: 200 });
    const top = (result?.ranking ?? []).filter((r) => r.rank !== null).slice(0, 5);
    if (!top.length) return missing('partner-rank', 'rank', source, 'insufficient_data: no ranked partners');
    return {
      measure: 'partner-rank',
      value: top.length,
      unit: 'top-ranked partners listed',
      normalized: null,
      detail: `top partners: ${top.map((r) => `${r.country} (rank ${r.rank}${r.rankInterval ? `, interval ${r.rankInterval[0]}–${r.rankInterval[1]}` : ''})`).join(', ')}`,
      source,
    };
  } catch (e) {
    if (!(e instanceof UserInputError)) throw e;
    return missing('partner-rank', 'rank', source, `partner ranking not available: ${message(e)}`);
  }
}

export async function cooperate(db: Db, input: CooperateParams = {}): Promise<CooperateResult> {
  const parsed = CooperateParams.safeParse(input);
  if (!parsed.success)
    throw new UserInputError(
      parsed.error.issues
        .map((i) => `--${i.path.join('.').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`)
        .join('; '),
      String(parsed.error.issues[0]?.path[0] ?? ''),
    );
  const p = parsed.data;
  const weights = parseCriteriaWeights(p.weights);
  const options = loadCooperationCatalog(p.cooperationFile ?? DEFAULT_COOPERATION_FILE);
  const assessment = await netAssess(db, { catalogDir: p.catalogDir, year: p.year, overlay: p.measure });
  const notRequested = (m: Measure, unit: string) => missing(m, unit, '-', 'not requested (--no-measure)');
  const measuredEffects: Record<Measure, MeasuredEffect> = {
    'shared-code-share': await sharedCodeShare(db, p.year),
    'swap-days': p.measure ? await swapDaysGained(db, p.swapPreset) : notRequested('swap-days', 'days'),
    'partner-rank': p.measure ? await partnerRanks(db) : notRequested('partner-rank', 'rank'),
  };
  const measured = new Map<string, MeasuredEffect>();
  for (const o of options)
    if (o.kind === 'opportunity' && o.measure) measured.set(o.id, measuredEffects[o.measure]);
  const result = cooperationAgenda(options, assessment, measured, {
    weights,
    sensitivity: { draws: p.draws, seed: p.seed },
  });
  return { ...result, measuredEffects };
}
