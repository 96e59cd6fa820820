// Net assessment service: loads the trio catalog, asks the vulnerability assessment (src/services/assess.ts) for
// each mineral's measured vulnerability, and returns the net assessment result object unchanged for every face.
// When the vulnerability service is missing or fails, the overlay is reported as a gap, never filled in.
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { type NetAssessment, netAssessment, type VulnerabilityInput } from '../analysis/netassessment.ts';
import { DEFAULT_TRIO_DIR, loadTrioCatalog, type TrioEntry } from '../catalog/trio.ts';
import { TRIO, type TrioCountry } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS } from '../model/minerals.ts';
import { PROJECT_ROOT } from '../model/paths.ts';
import type { Db } from '../store/db.ts';
import { latestBaciYear } from '../store/queries/netassess.ts';

export const NetAssessParams = z.object({
  country: z.string().optional(),
  year: z.coerce.number().int().min(2002).max(2100).optional(),
  /** Folder of catalog YAML files (tests point this at fixtures). */
  catalogDir: z.string().optional(),
  /** Skip the vulnerability overlay (faster; the overlay is then reported as not requested). */
  overlay: z.boolean().default(true),
});
export type NetAssessParams = z.input<typeof NetAssessParams>;

export interface NetAssessResult extends NetAssessment {
  /** dir: the catalog folder, relative to the project. */
  catalog: { dir: string; entries: Record<TrioCountry, number> };
  gaps: { what: string; reason: string }[];
}

/** Minerals whose vulnerability the overlay asks for: case studies and priority minerals. */
export const OVERLAY_MINERALS = MINERALS.filter((m) => m.tier !== 'other').map((m) => m.id);

export function parseTrioCountry(given: string | undefined): TrioCountry | undefined {
  if (given === undefined) return undefined;
  const code = given.trim().toUpperCase();
  if ((TRIO as readonly string[]).includes(code)) return code as TrioCountry;
  return unknownChoice('country', given, TRIO, 'country');
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

type AssessFn = (
  db: Db,
  req: { mineral: string; country?: string; year?: number; trends?: boolean },
) => Promise<unknown>;

/**
 * Per mineral × trio country: China share, look-through China share and import HHI from the vulnerability
 * assessment's result (`importers: [{ country, hhi, chinaShare, lookThrough: { chinaShare } }]`, issue 3).
 */
export async function measuredVulnerabilities(
  db: Db,
  year: number | undefined,
  minerals: readonly string[] = OVERLAY_MINERALS,
): Promise<{
  rows: VulnerabilityInput[] | null;
  reason: string | null;
  gaps: { what: string; reason: string }[];
}> {
  let assess: AssessFn | undefined;
  try {
    const mod = (await import(new URL('./assess.ts', import.meta.url).href)) as { assess?: AssessFn };
    assess = mod.assess;
  } catch (e) {
    return {
      rows: null,
      reason: `vulnerability service unavailable (src/services/assess.ts): ${message(e)}`,
      gaps: [],
    };
  }
  if (typeof assess !== 'function')
    return {
      rows: null,
      reason: 'src/services/assess.ts exports no assess(db, {mineral, country, year})',
      gaps: [],
    };
  const rows: VulnerabilityInput[] = [];
  const gaps: { what: string; reason: string }[] = [];
  for (const mineral of minerals) {
    let result: { year?: unknown; importers?: unknown };
    try {
      result = (await assess(db, { mineral, year, trends: false })) as typeof result;
    } catch (e) {
      gaps.push({ what: `vulnerability of ${mineral}`, reason: `assess failed: ${message(e)}` });
      continue;
    }
    const importers = Array.isArray(result?.importers) ? (result.importers as Record<string, unknown>[]) : [];
    for (const country of TRIO) {
      const imp = importers.find((i) => i.country === country);
      if (!imp) {
        gaps.push({
          what: `vulnerability of ${mineral} for ${country}`,
          reason: 'insufficient_data: no importer row',
        });
        continue;
      }
      rows.push({
        mineral,
        country,
        year: num(result.year),
        chinaShare: num(imp.chinaShare),
        lookThroughChinaShare: num((imp.lookThrough as Record<string, unknown> | undefined)?.chinaShare),
        importHhi: num(imp.hhi),
        source: `minsec assess ${mineral} --country ${country}${num(result.year) ? ` --year ${result.year}` : ''} (BACI/USGS via src/services/assess.ts)`,
      });
    }
  }
  return { rows, reason: null, gaps };
}

const countEntries = (entries: readonly TrioEntry[]) =>
  Object.fromEntries(TRIO.map((c) => [c, entries.filter((e) => e.country === c).length])) as Record<
    TrioCountry,
    number
  >;

export async function netAssess(db: Db, input: NetAssessParams = {}): Promise<NetAssessResult> {
  const parsed = NetAssessParams.safeParse(input);
  if (!parsed.success)
    throw new UserInputError(
      parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '),
    );
  const p = parsed.data;
  const country = parseTrioCountry(p.country);
  const dir = p.catalogDir ?? DEFAULT_TRIO_DIR;
  const entries = loadTrioCatalog(dir);
  const gaps: NetAssessResult['gaps'] = [];
  let vulnerabilities: VulnerabilityInput[] | null = null;
  let unavailable: string | null = 'overlay not requested';
  if (p.overlay) {
    const year = p.year ?? (await latestBaciYear(db)) ?? undefined;
    const measured = await measuredVulnerabilities(db, year);
    vulnerabilities = measured.rows;
    unavailable = measured.reason;
    gaps.push(...measured.gaps);
    if (measured.reason) gaps.push({ what: 'vulnerability overlay', reason: measured.reason });
  }
  const result = netAssessment(entries, {
    countries: country ? [country] : undefined,
    vulnerabilities,
    vulnerabilityUnavailable: unavailable,
  });
  for (const g of result.overlay.gaps)
    gaps.push({ what: `vulnerability level of ${g.mineral} for ${g.country}`, reason: g.reason });
  return {
    ...result,
    catalog: { dir: relative(PROJECT_ROOT, resolve(dir)), entries: countEntries(entries) },
    gaps,
  };
}
