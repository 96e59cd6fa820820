// The API's endpoints: each mirrors one CLI command, validates with the service's zod schema and returns the
// service's result unchanged.
import { z } from 'zod';
import { dataStatus } from '../services/status.ts';
import { type Endpoint, endpoint } from './endpoint.ts';

const NoParams = z.object({});

export const ENDPOINTS: Endpoint[] = [
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
