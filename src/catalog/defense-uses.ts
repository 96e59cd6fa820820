// Cited defense end uses per mineral (defense-uses.yaml), validated by zod at load time.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { MINERALS } from '../model/minerals.ts';

const DefenseUseSchema = z.object({
  use: z.string().min(1),
  system: z.string().min(1),
  confidence: z.enum(['high', 'medium']).default('high'),
  note: z.string().optional(),
  source: z.object({
    title: z.string().min(1),
    url: z.string().url(),
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
});
export type DefenseUse = z.infer<typeof DefenseUseSchema>;

const ids = new Set(MINERALS.map((m) => m.id));

export function parseDefenseUses(raw: unknown, file = 'defense-uses.yaml'): Record<string, DefenseUse[]> {
  if (!raw || typeof raw !== 'object') throw new Error(`${file}: expected a mapping mineral → uses`);
  const out: Record<string, DefenseUse[]> = {};
  for (const [mineral, list] of Object.entries(raw)) {
    if (!ids.has(mineral)) throw new Error(`${file}: ${mineral}: not a model mineral id`);
    const r = z.array(DefenseUseSchema).safeParse(list);
    if (!r.success)
      throw new Error(
        `${file}: ${mineral}: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
    out[mineral] = r.data;
  }
  return out;
}

export const DEFENSE_USES = parseDefenseUses(
  parse(readFileSync(new URL('./defense-uses.yaml', import.meta.url), 'utf8')),
);

export const defenseUsesOf = (mineral: string): DefenseUse[] => DEFENSE_USES[mineral] ?? [];
