// CLI errors a user can act on: every validation failure names the flag, the value given and what is allowed, and
// exits 2 (README: "Bad input exits with code 2 and a message naming the valid choices"); an empty flag value is an
// error, never a silent 0; no raw zod issue array ever reaches the terminal.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { flagValue, intFlag, numberFlag, reportError, zodMessage } from '../../src/cli/output.ts';
import { UserInputError } from '../../src/model/errors.ts';
import { describeIssue } from '../../src/model/issues.ts';
import { cli } from '../helpers.ts';

/** No JSON dump of zod issues ("code": …, "path": […]) and no stack trace. */
function expectReadable(stderr: string) {
  expect(stderr).not.toMatch(/"code"\s*:|"path"\s*:|^\s*\[\s*$|\bat .+\.(ts|js):\d+/m);
  expect(stderr.trim().split('\n').length).toBeLessThanOrEqual(3);
}

describe('the CLI on bad input (real commands, real database)', () => {
  it.each([
    // [args, the flag and value echoed back, what is allowed]
    [['production', 'gallium', '--year', '1850'], /--year "1850"/, /must be ≥ \d{4}/],
    [['production', 'gallium', '--stage', 'smelter'], /--stage "smelter"/, /one of mine, refinery, primary/],
    [['assess', 'gallium', '--year', 'twenty'], /--year "twenty"/, /must be a number/],
    [['production', 'gallium', '--year=2024.5'], /--year "2024\.5"/, /whole number/],
  ])('%j → exit 2 naming flag, value and what is allowed', (args, given, allowed) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(given);
    expect(r.stderr).toMatch(allowed);
    expectReadable(r.stderr);
  });

  it('cooperate --swap-preset with an unknown preset → exit 2 naming the flag and the valid presets', () => {
    const r = cli(['cooperate', '--swap-preset', 'cn-ga-ge-us-ban-2042']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--swap-preset/);
    // Preset ids read by hand from src/catalog/scenario-presets.ts (the default and one other).
    expect(r.stderr).toContain('cn-ga-ge-us-ban-2024');
    expect(r.stderr).toContain('cd-co-quota-2025');
    expectReadable(r.stderr);
  });

  it.each([
    [['scenario', 'run', 'cn-ga-ge-licensing-2023', '--seed', ''], '--seed'],
    [['partners', '--draws', ''], '--draws'],
    [['production', 'gallium', '--year', ''], '--year'],
  ])('%j: an empty value is an error (exit 2), not 0', (args, flag) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`${flag} "": empty value`));
    expectReadable(r.stderr);
  });
});

describe('the central formatter', () => {
  const Params = z.object({
    year: z.number().int().min(1900).max(2100),
    stage: z.enum(['mine', 'refinery']),
    draws: z.number().int().min(1),
    weights: z.record(z.string(), z.number()),
  });

  it('names the flag and the given value when the field came from a flag, else the field path', () => {
    const r = Params.safeParse({ year: 1850, stage: 'smelter', draws: 0, weights: { a: 'x' } });
    expect(r.success).toBe(false);
    const msg = zodMessage(r.error!, ['production', 'gallium', '--year', '1850', '--stage=smelter']);
    expect(msg.split('\n')).toEqual([
      'invalid --year "1850": must be ≥ 1900',
      'invalid --stage "smelter": must be one of mine, refinery',
      'invalid draws: must be ≥ 1',
      'invalid weights.a: must be a number',
    ]);
  });

  it('bounds, choices, types and formats in words', () => {
    const text = (schema: z.ZodType, v: unknown) =>
      describeIssue(schema.safeParse(v).error!.issues[0]).allowed;
    expect(text(z.number().max(5), 6)).toBe('must be ≤ 5');
    expect(text(z.number().gt(0), 0)).toBe('must be > 0');
    expect(text(z.string().min(3), 'ab')).toBe('must have at least 3 characters');
    expect(text(z.array(z.string()).min(2), ['a'])).toBe('must have at least 2 items');
    expect(text(z.number(), Number.POSITIVE_INFINITY)).toBe('must be a finite number');
    expect(text(z.boolean(), 'maybe')).toBe('must be true or false');
  });

  it('numberFlag/intFlag refuse empty and non-finite input where z.coerce.number() gives 0 or Infinity', () => {
    expect(z.coerce.number().parse('')).toBe(0); // the trap these flags avoid
    expect(intFlag({ min: 0 }).safeParse('').success).toBe(false);
    expect(intFlag({ min: 0 }).safeParse('  ').success).toBe(false);
    expect(numberFlag().safeParse('1e400').success).toBe(false);
    expect(intFlag({ min: 1, max: 10 }).parse(' 7 ')).toBe(7);
    expect(intFlag().safeParse('7.5').success).toBe(false);
    expect(numberFlag({ min: 0 }).parse('0.25')).toBe(0.25);
  });

  it('exit codes: 2 for bad input, 1 otherwise', () => {
    const write = process.stderr.write;
    const out: string[] = [];
    process.stderr.write = ((s: string) => out.push(s) > 0) as typeof process.stderr.write;
    try {
      expect(reportError(new UserInputError('unknown mineral "x"'))).toBe(2);
      expect(reportError(z.number().safeParse('x').error, [])).toBe(2);
      expect(reportError(new Error('disk full'))).toBe(1);
    } finally {
      process.stderr.write = write;
    }
    expect(out.join('')).toMatch(
      /minsec: unknown mineral "x"[\s\S]*minsec: invalid input: must be a number[\s\S]*minsec: disk full/,
    );
  });

  it('flagValue reads both --flag value and --flag=value', () => {
    expect(flagValue(['--year', '2020'], '--year')).toBe('2020');
    expect(flagValue(['--year=2020'], '--year')).toBe('2020');
    expect(flagValue(['--years', '2020'], '--year')).toBeUndefined();
  });
});
