import { existsSync } from 'node:fs';
import { describe, expect } from 'vitest';
import { group } from '../../src/sources/registry-politics.ts';
import { itRaw, RAW } from '../helpers.ts';

describe('political importers registry', () => {
  itRaw('registers each kind once and plans only registered kinds', () => {
    const kinds = group.importers.map((i) => i.kind);
    expect(kinds).toEqual(['wgi', 'unvotes', 'idealpoints', 'memberships', 'atop', 'iea-policies']);
    for (const f of group.plan(RAW)) expect(kinds).toContain(f.kind);
  });

  itRaw('plans files that exist, roll calls before votes', () => {
    const plan = group.plan(RAW);
    for (const f of plan) expect(existsSync(f.path), f.path).toBe(true);
    const at = (name: string) => plan.findIndex((f) => f.path.endsWith(name));
    expect(at('un_roll_calls.csv')).toBeLessThan(at('un_votes.csv'));
  });
});
