// Importer-side parts of the vulnerability assessment: one trio country's dependence (the three views of
// assess/dependence.ts, partner shares in contained metal), code audit and export controls in force, and its three
// criticality scores side by side with their inputs.
import { codeAudit } from '../../analysis/code-audit.ts';
import { type EuSrStageInput, euSupplyRisk } from '../../analysis/criticality/eu-supply-risk.ts';
import { geoPolRisk } from '../../analysis/criticality/geopolrisk.ts';
import { usgsStyleScore } from '../../analysis/criticality/usgs-style.ts';
import { importDependence } from '../../analysis/dependence.ts';
import type { GovernedSupplier } from '../../analysis/hhi-wgi.ts';
import { FEED_STAGES } from '../../analysis/supply-chain/contained.ts';
import { DEFAULT_SI_SR, euPublished } from '../../catalog/eu-crm-2023.ts';
import { measuresFor, stateOn } from '../../catalog/export-controls.ts';
import { TRIO } from '../../model/countries.ts';
import type * as q from '../../store/queries/vulnerability.ts';
import {
  type Context,
  FTA_GROUP,
  type Gap,
  type MineralData,
  MSP_GROUP,
  NO_MOLYBDENUM_TRADE,
  tOf,
  toTonnes,
  tradeStageOf,
  wgiOf,
} from './data.ts';
import {
  importerDependence,
  type NetImportReliance,
  netImportReliance,
  usgsSuppliers,
} from './dependence.ts';
import { type StageConcentration, usgsComparison } from './supply.ts';

// ---------------------------------------------------------------- per importer

export function importerAssessment(
  ctx: Context,
  data: MineralData,
  year: number,
  country: string,
  yearFlows: q.FlowRow[],
  gaps: Gap[],
) {
  const m = data.mineral;
  const chain = data.chain;
  const present = new Set(yearFlows.map((f) => f.hs));
  const codes = (chain?.codes ?? []).map((c) => ({
    hs6: c.hs6,
    stage: c.stage,
    ...(c.mixedWith ? { mixedWith: c.mixedWith } : {}),
    description: c.description,
    factor: c.factor.value,
    factorBasis: c.factor.basis,
    factorSource: c.factor.source,
    loaded: present.has(c.hs6),
    shared: c.shared ? { with: c.shared.with, split: c.shared.split } : null,
  }));
  const date = `${year}-12-31`;
  const controls = measuresFor(m.id)
    .filter((c) => (c.targets === 'all' || c.targets.includes(country)) && stateOn(c, date) === 'in_force')
    .map((c) => ({ id: c.id, imposer: c.imposer, type: c.type, effective: c.effective }));
  const dep = importerDependence(data, year, country);
  const nir = netImportReliance(data, year, country, dep);
  const base = { country, codes, exportControlsInForce: controls, netImportReliance: nir };
  const empty = (reason: string) => ({
    ...base,
    dependence: dep && {
      shippedBy: dep.shippedBy,
      refinedIn: dep.refinedIn,
      minedIn: dep.minedIn,
      impliedRefiners: dep.implied,
      excludedCodes: dep.excluded,
    },
    partners: null,
    hhi: null,
    chinaShare: null,
    reason,
  });
  if (!dep || !present.size) {
    const reason =
      m.id === 'molybdenum'
        ? NO_MOLYBDENUM_TRADE
        : `no trade of the ${m.id} chain (HS ${codes.map((c) => c.hs6).join(', ') || 'none'}) is loaded for ${year}`;
    return empty(reason);
  }
  if (!dep.inflows.length) {
    gaps.push({
      topic: `${country} imports ${year}`,
      reason: 'not_reported',
      detail: `no loaded flows of the ${m.id} chain into ${country} in ${year}`,
    });
    return empty(`no loaded flows of the ${m.id} chain into ${country} in ${year}`);
  }
  for (const v of [dep.shippedBy.coverage])
    if (v.grade === 'D')
      gaps.push({
        topic: `${country} ${m.id} trade coverage`,
        reason: 'insufficient_data',
        detail: `grade D: ${v.reason}; missing codes ${v.codesMissing.join(', ') || 'none'}`,
      });
  for (const e of dep.excluded)
    gaps.push({ topic: 'trade codes', reason: 'insufficient_data', detail: e.reason });
  if (dep.missingQuantity.length)
    gaps.push({
      topic: `${country} imports ${year}`,
      reason: 'not_reported',
      detail: `flows from ${dep.missingQuantity.join(', ')} carry no quantity: left out of contained-metal figures`,
    });
  const others = TRIO.filter((c) => c !== country) as string[];
  const msp = [...(ctx.groups.get(MSP_GROUP)?.keys() ?? [])].filter((c) => c !== country);
  // every dependence figure on the contained-metal basis of all loaded chain codes
  const contained = dep.inflows.map((f) => ({
    exporter: f.exporter,
    value_usd: f.valueUsd,
    quantity_t: f.tonnes,
  }));
  const d = importDependence(contained, { trio: others, msp });
  const byCode = new Map<string, number>();
  for (const f of yearFlows)
    if (f.importer === country) byCode.set(f.hs, (byCode.get(f.hs) ?? 0) + (f.value_usd ?? 0));
  const audit = codeAudit(
    m.id,
    m.hs.filter((h) => present.has(h.hs6)),
    byCode,
  );
  return {
    ...base,
    dependence: {
      shippedBy: dep.shippedBy,
      refinedIn: dep.refinedIn,
      minedIn: dep.minedIn,
      impliedRefiners: dep.implied,
      excludedCodes: dep.excluded,
    },
    partners: d.partners,
    basis: 't contained (quantity) and USD of the mineral part (value), all loaded chain codes',
    totalValue: d.totalValue,
    totalQuantity: d.totalQuantity,
    hhi: d.hhi,
    hhiQuantity: d.hhiQuantity,
    chinaShare: d.chinaShare,
    chinaQuantityShare: d.chinaQuantityShare,
    trioShare: d.groupShares.trio,
    mspShare: d.groupShares.msp,
    codeAudit: {
      sharedShare: audit.sharedShare,
      sharedValue: audit.sharedValue,
      totalValue: audit.totalValue,
      usgsComparison: country === 'USA' ? usgsComparison(ctx, data) : null,
    },
    source: {
      table: 'trade',
      dataset: 'baci',
      file: ctx.sources.get(yearFlows[0].source_id)?.file ?? null,
    },
    reason: null,
  };
}

// ---------------------------------------------------------------- risk

export function riskFor(
  ctx: Context,
  data: MineralData,
  year: number,
  country: string,
  stages: StageConcentration[],
  nir: NetImportReliance,
  gaps: Gap[],
) {
  const m = data.mineral;
  const date = `${year}-12-31`;
  const eu = euPublished(m.id);
  const ir = nir.code === 'E' ? 0 : nir.value;
  const nirBasis = nir.reason
    ? nir.source === 'none'
      ? nir.reason
      : `${nir.source}: ${nir.reason}`
    : nir.source;
  const eolRir = eu.eolRir.value ?? 0;
  const siSr = eu.siSr.value ?? DEFAULT_SI_SR;
  // suppliers: for the U.S. as USGS publishes them (every form: the headline source); else in contained metal
  // over the chain's loaded codes, by the stage each flow carries
  const published = country === 'USA' ? usgsSuppliers(data, year) : null;
  const inflows = published
    ? published.partners.map((p) => ({
        exporter: p.country,
        quantity_t: p.tonnes,
        feed: null as boolean | null,
      }))
    : (importerDependence(data, year, country)?.inflows ?? [])
        .filter((f) => f.tonnes !== null)
        .map((f) => ({
          exporter: f.exporter,
          quantity_t: f.tonnes!,
          feed: FEED_STAGES.has(f.stage) as boolean | null,
        }));
  const supplierBasis = published?.basis ?? 'BACI contained-metal tonnes over the loaded chain codes';
  /** Suppliers whose trade parameter is not the default 1, with its basis (register measure or agreement). */
  const tradeParameters: Record<string, { t: number; basis: string }> = {};
  const govern = (c: string | null, share: number): GovernedSupplier => {
    const t = tOf(ctx, m.id, c, country, date);
    if (c && t.basis !== 'none') tradeParameters[c] = t;
    return { country: c, share, wgi: wgiOf(ctx, c, year).wgi, t: t.t };
  };
  const stageInputs: EuSrStageInput[] = [];
  for (const s of stages) {
    const feedStage = tradeStageOf(s.stage) === 'mine';
    const globalSupply = s.shares.filter((x) => x.share !== null).map((x) => govern(x.country, x.share!));
    if (s.otherShare) globalSupply.push({ country: null, share: s.otherShare, wgi: null });
    let sourcing: GovernedSupplier[] | null = null;
    const imports = inflows.filter((f) => f.feed === null || f.feed === feedStage);
    if (imports.length) {
      const own = s.secondary
        ? 0
        : (toTonnes(s.shares.find((x) => x.country === country)?.value ?? null, s.unit) ?? 0);
      const by = new Map<string, number>();
      for (const f of imports) by.set(f.exporter, (by.get(f.exporter) ?? 0) + f.quantity_t!);
      if (own > 0) by.set(country, own);
      const total = [...by.values()].reduce((a, b) => a + b, 0);
      if (total > 0) sourcing = [...by.entries()].map(([c, qty]) => govern(c, qty / total));
    }
    stageInputs.push({
      stage: `${s.stage}${s.secondary ? ' (secondary shares)' : ''}`,
      globalSupply,
      sourcing,
      ir: ir ?? 0,
      eolRir,
      siSr,
    });
  }
  const euSr =
    ir === null
      ? { sr: null, stage: null, stages: [], reason: `import reliance unknown (${nirBasis})` }
      : { ...euSupplyRisk(stageInputs), reason: null };
  if (eu.eolRir.value === null)
    gaps.push({
      topic: 'EU supply risk',
      reason: 'assumption',
      detail: `EOL-RIR for ${m.id} ${eu.eolRir.reason}: fallback 0 used (no recycling credit)`,
    });
  if (eu.siSr.value === null)
    gaps.push({
      topic: 'EU supply risk',
      reason: 'assumption',
      detail: `EU 2023 SI_SR for ${m.id} ${eu.siSr.reason}: fallback SI_SR = 1 used (no substitution credit)`,
    });
  if (eu.eolRirConflict)
    gaps.push({
      topic: 'EU supply risk',
      reason: 'secondary_source',
      detail: `EOL-RIR for ${m.id}: secondary sources disagree — CritMAT transcription ${eu.eolRirConflict.critmat}, atlas ${eu.eolRirConflict.atlas}; the transcription is used`,
    });

  const main = stages.find((s) => !s.secondary) ?? null;
  const quantities = new Map<string, number>();
  for (const f of inflows) quantities.set(f.exporter, (quantities.get(f.exporter) ?? 0) + f.quantity_t!);
  const domestic = main
    ? (toTonnes(main.shares.find((x) => x.country === country)?.value ?? null, main.unit) ?? 0)
    : 0;
  const gpr =
    main && quantities.size
      ? geoPolRisk({
          hhi: main.hhi === null ? null : main.hhi / 10_000,
          partners: [...quantities.entries()].map(([c, qty]) => ({
            country: c,
            quantity: qty,
            pv: wgiOf(ctx, c, year).pv,
          })),
          domesticProduction: domestic,
        })
      : null;
  const usgs = main
    ? usgsStyleScore({
        producers: main.shares
          .filter((x) => x.share !== null)
          .map((x) => ({ share: x.share!, wgi: wgiOf(ctx, x.country, year).wgi })),
        nir: nir.code === 'E' ? 'E' : nir.value,
      })
    : null;
  return {
    euSR: {
      ...euSr,
      inputs: {
        ir,
        irBasis: nirBasis,
        eolRir,
        eolRirSource:
          eu.eolRir.value === null
            ? `fallback 0 (no recycling credit): ${eu.eolRir.reason}`
            : eu.eolRir.source,
        siSr,
        siSrSource:
          eu.siSr.value === null ? `fallback 1 (no substitution credit): ${eu.siSr.reason}` : eu.siSr.source,
        irNote:
          "each trio country's own net import reliance (its sourcing replaces the EU's); the EU's own IR is in risk.euReproduction",
        tradeParameterDate: date,
        tradeParameters,
        tradeParameterFactors:
          'per-measure factors (licensing 1.1, tax 1.25, quota/ban/suspension 1.5) unverified: not_found_in_sources; agreement 0.8 corroborated by the EU 2023 applied values',
        agreementsFrom: `memberships group ${FTA_GROUP[country]}`,
      },
      publishedEu2023: eu.sr.value,
    },
    geoPolRisk: gpr
      ? {
          ...gpr,
          inputs: {
            hhiStage: main!.stage,
            domesticProduction_t: domestic,
            basis: `${supplierBasis}, WGI political stability`,
          },
        }
      : { score: null, reason: main ? 'no import quantities' : 'no USGS production series' },
    usgsStyle: usgs
      ? {
          ...usgs,
          inputs: { stage: main!.stage, nir: nir.code === 'E' ? 'E' : nir.value, nirBasis },
        }
      : { score: null, reason: main ? 'net import reliance unknown' : 'no USGS production series' },
  };
}
