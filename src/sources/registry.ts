// Every importer, by kind, and the full build plan over the raw-data folder.
import { UserInputError, unknownChoice } from '../model/errors.ts';
import { group as politics } from './registry-politics.ts';
import { group as trade } from './registry-trade.ts';
import { group as usgs } from './registry-usgs.ts';
import type { Importer, PlannedFile } from './types.ts';

const GROUPS = [usgs, trade, politics];

export const IMPORTERS: Importer[] = GROUPS.flatMap((g) => g.importers);

export function importerFor(kind: string): Importer {
  const hit = IMPORTERS.find((i) => i.kind === kind);
  if (!hit)
    unknownChoice(
      'import kind',
      kind,
      IMPORTERS.map((i) => i.kind),
      'kind',
    );
  return hit;
}

export function buildPlan(rawDir: string): PlannedFile[] {
  const plan = GROUPS.flatMap((g) => g.plan(rawDir));
  if (!plan.length) throw new UserInputError(`no importers are registered for ${rawDir}`);
  return plan;
}
