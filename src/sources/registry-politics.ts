// The political and governance importers and the raw files `minsec data build` loads with them.
import { join } from 'node:path';
import { atopImporter } from './atop.ts';
import { idealpointsImporter } from './idealpoints.ts';
import { ieaPoliciesImporter } from './iea-policies.ts';
import { membershipsImporter } from './memberships.ts';
import type { SourceGroup } from './types.ts';
import { unvotesImporter } from './unvotes.ts';
import { wgiImporter } from './wgi.ts';

export const group: SourceGroup = {
  importers: [
    wgiImporter,
    unvotesImporter,
    idealpointsImporter,
    membershipsImporter,
    atopImporter,
    ieaPoliciesImporter,
  ],
  plan: (rawDir) => [
    { kind: 'wgi', path: join(rawDir, 'governance', 'wgidataset.csv') },
    { kind: 'unvotes', path: join(rawDir, 'unga', 'un_roll_calls.csv') },
    { kind: 'unvotes', path: join(rawDir, 'unga', 'un_roll_call_issues.csv') },
    { kind: 'unvotes', path: join(rawDir, 'unga', 'un_votes.csv') },
    { kind: 'idealpoints', path: join(rawDir, 'unga', 'IdealpointsJuly2025.csv') },
    { kind: 'memberships', path: join(rawDir, 'countries', 'memberships.csv') },
    { kind: 'atop', path: join(rawDir, 'alliances', 'peacesciencer_atop_alliance.csv') },
    { kind: 'iea-policies', path: join(rawDir, 'policy', 'IEA_CM_Policies.csv') },
  ],
};
