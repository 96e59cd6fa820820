// The CLI's human output in the reader's language (global --lang, or $MINSEC_LANG), with the same numbers as
// --json; an unknown language is bad input (exit 2).
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers.ts';

describe('minsec --lang', () => {
  it('production gallium in Japanese names the mineral and countries in Japanese, with the JSON numbers', () => {
    const json = cli(['production', 'gallium', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as { year: number; chinaShare: number; shares: { country: string }[] };
    const ja = cli(['--lang', 'ja', 'production', 'gallium']);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toMatch(new RegExp(`^# ガリウムの一次生産 ${r.year}年`));
    expect(ja.stdout).toContain('| CHN | 中国 |');
    // China's share as the JSON gives it, one decimal (98.9… → "98.9%")
    expect(ja.stdout).toContain(`中国 ${(100 * r.chinaShare).toFixed(1)}%`);
    const ko = cli(['production', 'gallium'], { env: { MINSEC_LANG: 'ko' } });
    expect(ko.stdout).toMatch(/^# 갈륨 1차 생산/);
    expect(ko.stdout).toContain('| CHN | 중국 |');
  });

  it('an unknown language exits 2 and names the choices, for --lang and for $MINSEC_LANG', () => {
    const bad = cli(['--lang', 'de', 'production', 'gallium']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown language "de"\. Valid: en, ko, ja/);
    const env = cli(['production', 'gallium'], { env: { MINSEC_LANG: 'xx' } });
    expect(env.code).toBe(2);
  });
});
