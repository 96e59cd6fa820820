// Net assessment service: loads the trio catalog and the IEA policy list (the second source that tells "absent"
// from "not catalogued"), asks the vulnerability assessment (src/services/assess.ts) for each mineral's measured
// vulnerability, and returns the net assessment result object unchanged for every face. A mineral the assessment
// cannot measure (a UserInputError: no data for it) is a listed gap; any other error propagates.
import { relative, resolve } from 'node:path';
import { z } from 'zod';
import { netAssessment, type PolicyEvidence, type VulnerabilityInput } from '../analysis/netassessment.ts';
import {
  DEFAULT_TRIO_DIR,
  IEA_COVERED_TYPES,
  ieaInstrumentTypes,
  loadTrioCatalog,
  type TrioEntry,
} from '../catalog/trio.ts';
import { TRIO, type TrioCountry } from '../model/countries.ts';
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { MINERALS } from '../model/minerals.ts';
import { PROJECT_ROOT } from '../model/paths.ts';
import type { NetAssessResult } from '../model/results/netassess.ts';
import type { Db } from '../store/db.ts';
import { latestBaciYear, policiesOf } from '../store/queries/netassess.ts';
import { assess } from './assess.ts';

export type { NetAssessResult } from '../model/results/netassess.ts';

export const NetAssessParams = z.object({
  country: z.string().optional(),
  year: z.coerce.number().int().min(2002).max(2100).optional(),
  /** Folder of catalog YAML files (tests point this at fixtures). */
  catalogDir: z.string().optional(),
  /** Skip the vulnerability overlay (faster; the overlay is then reported as not requested). */
  overlay: z.boolean().default(true),
});
export type NetAssessParams = z.input<typeof NetAssessParams>;

/** Minerals whose vulnerability the overlay asks for: case studies and priority minerals. */
export const OVERLAY_MINERALS = MINERALS.filter((m) => m.tier !== 'other').map((m) => m.id);

export function parseTrioCountry(given: string | undefined): TrioCountry | undefined {
  if (given === undefined) return undefined;
  const code = given.trim().toUpperCase();
  if ((TRIO as readonly string[]).includes(code)) return code as TrioCountry;
  return unknownChoice('country', given, TRIO, 'country');
}

/**
 * Per mineral × trio country: China share, look-through China share and import HHI from the vulnerability
 * assessment. A mineral the assessment refuses with a UserInputError (no data for it) is a gap; a programming
 * error (TypeError, RangeError …) is not caught.
 */
export async function measuredVulnerabilities(
  db: Db,
  year: number | undefined,
  minerals: readonly string[] = OVERLAY_MINERALS,
): Promise<{ rows: VulnerabilityInput[]; gaps: { what: string; reason: string }[] }> {
  const rows: VulnerabilityInput[] = [];
  const gaps: { what: string; reason: string }[] = [];
  for (const mineral of minerals) {
    let result: Awaited<ReturnType<typeof assess>>;
    try {
      result = await assess(db, { mineral, year, trends: false });
    } catch (e) {
      if (!(e instanceof UserInputError)) throw e;
      gaps.push({ what: `vulnerability of ${mineral}`, reason: `insufficient_data: ${e.message}` });
      continue;
    }
    for (const country of TRIO) {
      const imp = result.importers.find((i) => i.country === country);
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
        year: result.year ?? null,
        // shipped by China (customs origin) and refined in China (stage trace), contained metal over the chain
        chinaShare: imp.dependence?.shippedBy.china ?? null,
        lookThroughChinaShare: imp.dependence?.refinedIn.china ?? null,
        importHhi: imp.hhi ?? null,
        source: `minsec assess ${mineral} --country ${country}${result.year ? ` --year ${result.year}` : ''} (BACI/USGS via src/services/assess.ts)`,
      });
    }
  }
  return { rows, gaps };
}

const countEntries = (entries: readonly TrioEntry[]) =>
  Object.fromEntries(TRIO.map((c) => [c, entries.filter((e) => e.country === c).length])) as Record<
    TrioCountry,
    number
  >;

const IEA_SOURCE = 'IEA Critical Minerals Policy Explorer (IEA_CM_Policies.csv; titles and types only)';

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
    unavailable = null;
    gaps.push(...measured.gaps);
  }
  const policies = await policiesOf(db, TRIO);
  const policyEvidence: PolicyEvidence[] = policies
    .map((r) => ({
      country: r.country as TrioCountry,
      instrumentTypes: ieaInstrumentTypes(r.policy_type),
      title: r.title,
      year: r.year,
      source: `${IEA_SOURCE} line ${r.source_line}`,
    }))
    .filter((r) => r.instrumentTypes.length);
  const noPolicies = policies.length === 0;
  if (noPolicies)
    gaps.push({
      what: 'absent vs not catalogued',
      reason:
        'no IEA policy rows in the database: every uncovered cell is "not catalogued" (unknown), none "absent"',
    });
  const result = netAssessment(entries, {
    countries: country ? [country] : undefined,
    vulnerabilities,
    vulnerabilityUnavailable: unavailable,
    policyEvidence: noPolicies ? null : policyEvidence,
    policyEvidenceTypes: IEA_COVERED_TYPES,
  });
  for (const g of result.overlay.gaps)
    gaps.push({ what: `vulnerability level of ${g.mineral} for ${g.country}`, reason: g.reason });
  return {
    ...result,
    policyEvidence: {
      source: IEA_SOURCE,
      policies: policies.length,
      reason: noPolicies ? 'not loaded' : null,
    },
    catalog: {
      dir: relative(PROJECT_ROOT, resolve(dir)),
      entries: countEntries(entries),
      verification: {
        official: entries.filter((e) => e.verification === 'official').length,
        secondary: entries.filter((e) => e.verification === 'secondary').length,
        unverified: entries.filter((e) => e.verification === 'unverified').length,
      },
    },
    gaps,
  };
}
