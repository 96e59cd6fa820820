// Placeholder until these importers land.
import type { SourceGroup } from './types.ts';

export const group: SourceGroup = { importers: [], plan: () => [] };
