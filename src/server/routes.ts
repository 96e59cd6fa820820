// The API's endpoints: each mirrors one CLI command, validates with the service's zod schema and returns the
// service's result unchanged.
import { z } from 'zod';
import { INDICATOR_IDS } from '../analysis/partners/indicators.ts';
import { AlignmentResultSchema } from '../model/results/alignment.ts';
import { AssessResultSchema } from '../model/results/assess.ts';
import { CooperateResultSchema } from '../model/results/cooperate.ts';
import { NetAssessResultSchema } from '../model/results/netassess.ts';
import { PartnersResultSchema } from '../model/results/partners.ts';
import { ProductionResultSchema } from '../model/results/production.ts';
import { ScenarioList, ScenarioResult } from '../model/results/scenario.ts';
import { DataStatusSchema } from '../model/results/status.ts';
import { viewCsvRows } from '../report/dependence.ts';
import { AlignmentParams, alignment } from '../services/alignment.ts';
import { AssessParams, assess } from '../services/assess.ts';
import { CooperateParams, cooperate } from '../services/cooperate.ts';
import { NetAssessParams, netAssess } from '../services/netassess.ts';
import { PartnersParams, partners } from '../services/partners.ts';
import { ProductionParams, production } from '../services/production.ts';
import { listScenarios, prepareScenarioJob, runJob, ScenarioRunParams } from '../services/scenario.ts';
import { dataStatus } from '../services/status.ts';
import { type Endpoint, endpoint } from './endpoint.ts';
import { ApiError } from './errors.ts';
import { runJobOffThread } from './scenario-thread.ts';

const NoParams = z.object({});

/** Monte Carlo draws one API request may ask for (the engine allows more; the CLI is the place for that). */
export const API_MAX_DRAWS = 5000;

function checkDraws(p: ScenarioRunParams): void {
  const inSpec = (p.spec as { montecarlo?: { draws?: unknown } } | undefined)?.montecarlo?.draws;
  for (const [field, draws] of [
    ['draws', p.draws],
    ['spec.montecarlo.draws', inSpec],
  ] as const)
    if (typeof draws === 'number' && draws > API_MAX_DRAWS)
      throw new ApiError(400, `${field}: at most ${API_MAX_DRAWS} Monte Carlo draws per API request`, {
        field,
        hint: 'use the CLI (minsec scenario run) for larger runs',
      });
}

/** Server-side folders and files are not the API's to choose: those service options are left out. */
const NetAssessApiParams = NetAssessParams.omit({ catalogDir: true });
const CooperateApiParams = CooperateParams.omit({ catalogDir: true, cooperationFile: true });

export const ENDPOINTS: Endpoint[] = [
  endpoint({
    method: 'get',
    path: '/api/production',
    summary:
      "Each country's share of USGS world production for a mineral, year and stage, with HHI and top-3",
    cli: 'minsec production <mineral> [--year Y] [--stage S] --json',
    schema: ProductionParams,
    run: (db, p) => production(db, p),
    result: ProductionResultSchema,
    rows: (r) =>
      r.shares.map((s) => ({ mineral: r.mineral, stage: r.stage, year: r.year, unit: r.unit, ...s })),
    example: { query: { mineral: 'gallium' } },
  }),
  endpoint({
    method: 'get',
    path: '/api/assess/:mineral',
    summary:
      'Vulnerability of the trio (or one country) for a mineral: concentration, dependence shipped by, refined in and mined in, every trade source, risk',
    cli: 'minsec assess <mineral> [--country C] [--year Y] --json',
    schema: AssessParams,
    run: (db, p) => assess(db, p),
    result: AssessResultSchema,
    // one row per importer × view (shipped by, refined in, mined in) × country share
    rows: (r) => viewCsvRows(r),
    example: { path: { mineral: 'gallium' }, query: { country: 'KOR', year: '2024' } },
  }),
  endpoint({
    method: 'get',
    path: '/api/scenarios',
    summary: 'The scenario presets (real export controls and bans)',
    cli: 'minsec scenario list --json',
    schema: NoParams,
    run: () => listScenarios(),
    result: ScenarioList,
    rows: (r) =>
      r.map((s) => ({
        ...s,
        minerals: s.minerals.join(' '),
        exportControls: s.exportControls.join(' '),
        notes: s.notes.join(' '),
      })),
  }),
  endpoint({
    method: 'post',
    path: '/api/scenarios/run',
    summary: `Run a preset or a scenario spec: monthly supply, unmet demand and stock per country, pooling, bands (at most ${API_MAX_DRAWS} Monte Carlo draws per request)`,
    cli: 'minsec scenario run <preset|file> [--pool A,B] [--draws N] [--seed S] --json',
    schema: ScenarioRunParams,
    run: async (db, p, ctx) => {
      checkDraws(p);
      // read on this thread (database I/O), computed on a worker thread when it draws Monte Carlo samples
      const job = await prepareScenarioJob(db, p);
      return job.spec.montecarlo?.draws ? runJobOffThread(job, ctx.deadlineMs) : runJob(job);
    },
    result: ScenarioResult,
    rows: (r) =>
      r.countries.flatMap((c) =>
        c.months.map(({ supplyByOrigin: _origins, ...m }) => ({
          country: c.country,
          mineral: c.mineral,
          unit: c.unit,
          ...m,
        })),
      ),
    example: { body: { preset: 'cn-ga-ge-licensing-2023', draws: 200 } },
  }),
  endpoint({
    method: 'get',
    path: '/api/alignment',
    summary: 'UNGA alignment of two countries by year: agreement, S-score, kappa and ideal-point distance',
    cli: 'minsec alignment <a> <b> [--from Y] [--to Y] [--issue I] [--important] --json',
    schema: AlignmentParams,
    run: (db, p) => alignment(db, p),
    result: AlignmentResultSchema,
    rows: (r) =>
      r.years.map(({ reasons, idealPoints, ...y }) => ({
        a: r.a,
        b: r.b,
        ...y,
        idealPointA: idealPoints.a,
        idealPointB: idealPoints.b,
        nullReason: [...new Set(Object.values(reasons))].join('; ') || null,
      })),
    example: { query: { a: 'KOR', b: 'USA' } },
  }),
  endpoint({
    method: 'get',
    path: '/api/partners',
    summary: 'Partner ranking with rank intervals (Dirichlet weight sampling) over eight indicators',
    cli: 'minsec partners [--mineral M,…] [--weights k=v,…] [--draws N] [--seed S] [--include ISO3,…] --json',
    schema: PartnersParams,
    run: (db, p) => partners(db, p),
    result: PartnersResultSchema,
    rows: (r) =>
      r.ranking.map((x) => ({
        rank: x.rank,
        country: x.country,
        score: x.score,
        rankLow: x.rankInterval?.[0] ?? null,
        rankHigh: x.rankInterval?.[1] ?? null,
        pTop5: x.pTop5,
        ...Object.fromEntries(INDICATOR_IDS.map((id) => [id, x.indicators[id].value])),
        gaps: x.gaps.map((g) => `${g.indicator}: ${g.reason}`).join('; ') || null,
      })),
    example: { query: { mineral: 'cobalt', draws: '200' } },
  }),
  endpoint({
    method: 'get',
    path: '/api/netassess',
    summary:
      "Net assessment of the trio's securitization efforts: maturity per stage × instrument, gaps, overlay",
    cli: 'minsec netassess [--country C] [--year Y] --json',
    schema: NetAssessApiParams,
    run: (db, p) => netAssess(db, p),
    result: NetAssessResultSchema,
    rows: (r) =>
      r.countries.flatMap((c) =>
        c.cells.map((cell) => ({
          country: c.country,
          stage: cell.stage,
          instrumentType: cell.instrumentType,
          score: cell.score,
          entries: cell.entries.join(' '),
        })),
      ),
  }),
  endpoint({
    method: 'get',
    path: '/api/cooperate',
    summary: 'Trilateral cooperation options scored and ranked, with sensitivity and recommendations',
    cli: 'minsec cooperate [--weights k=v,…] [--draws N] [--seed S] [--swap-preset ID] --json',
    schema: CooperateApiParams,
    run: (db, p) => cooperate(db, p),
    result: CooperateResultSchema,
    rows: (r) =>
      r.options.map((o) => ({
        rank: o.rank,
        id: o.id,
        kind: o.kind,
        name: o.name,
        score: o.score,
        ...o.criteria,
        closes: o.closes.length,
        blockedBy: o.blockedBy.join(' '),
        measured: o.measured?.value ?? null,
      })),
  }),
  endpoint({
    method: 'get',
    path: '/api/data/status',
    summary: 'Sources with licences and row counts; coverage per mineral × dataset with the gaps named',
    cli: 'minsec data status --json',
    schema: NoParams,
    run: (db) => dataStatus(db),
    result: DataStatusSchema,
    rows: (r) =>
      r.coverage.map((c) => ({
        ...c,
        years: c.years?.join('–') ?? null,
        missingYears: c.missingYears.join(' '),
      })),
  }),
];
