// The API's endpoints: each mirrors one CLI command, validates with the service's zod schema and returns the
// service's result unchanged.
import { z } from 'zod';
import { INDICATOR_IDS } from '../analysis/partners/indicators.ts';
import { AlignmentParams, alignment } from '../services/alignment.ts';
import { PartnersParams, partners } from '../services/partners.ts';
import { ProductionParams, production } from '../services/production.ts';
import { dataStatus } from '../services/status.ts';
import { type Endpoint, endpoint } from './endpoint.ts';

const NoParams = z.object({});

export const ENDPOINTS: Endpoint[] = [
  endpoint({
    method: 'get',
    path: '/api/production',
    summary: "Each country's share of USGS world production for a mineral, year and stage, with HHI and top-3",
    cli: 'minsec production <mineral> [--year Y] [--stage S] --json',
    schema: ProductionParams,
    run: (db, p) => production(db, p),
    rows: (r) => r.shares.map((s) => ({ mineral: r.mineral, stage: r.stage, year: r.year, unit: r.unit, ...s })),
    example: { query: { mineral: 'gallium' } },
  }),
  endpoint({
    method: 'get',
    path: '/api/alignment',
    summary: 'UNGA alignment of two countries by year: agreement, S-score, kappa and ideal-point distance',
    cli: 'minsec alignment <a> <b> [--from Y] [--to Y] [--issue I] [--important] --json',
    schema: AlignmentParams,
    run: (db, p) => alignment(db, p),
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
    path: '/api/data/status',
    summary: 'Sources with licences and row counts; coverage per mineral × dataset with the gaps named',
    cli: 'minsec data status --json',
    schema: NoParams,
    run: (db) => dataStatus(db),
    rows: (r) => r.coverage.map((c) => ({ ...c, years: c.years?.join('–') ?? null, missingYears: c.missingYears.join(' ') })),
  }),
];
