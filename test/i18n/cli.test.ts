// The CLI's human output in the reader's language (global --lang, or $MINSEC_LANG), with the same numbers as
// --json; an unknown language is bad input (exit 2).
import { describe, expect, it } from 'vitest';
import { countryNames } from '../../src/i18n/node.ts';
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

  // No message key printed raw: "cli:…", "common:…" or a dotted key of the cli namespace (scenario.run.h.gaps).
  const RAW_KEY = /\b(cli|common|brief|web):[\w.]+|\b(scenario|partners|alignment|data)\.[a-z]\w*\.[\w.]+/;
  const HANGUL = /[\uac00-\ud7a3]/;
  const KANA = /[\u3040-\u30ff]/;
  const run = (args: string[]) => {
    const r = cli(args);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const json = <T>(args: string[]) => JSON.parse(run([...args, '--json'])) as T;
  /** The scenario tables' number format: three significant digits (1,234.5 → 1230). */
  const sig = (x: number) => String(+x.toPrecision(3));

  it('scenario list in Korean and Japanese: column headers and mineral names in their script', () => {
    const list = json<{ id: string; baselineYear: number; minerals: string[] }[]>(['scenario', 'list']);
    const ga = list.find((p) => p.id === 'cn-ga-ge-us-ban-2024');
    expect(ga).toBeDefined();
    const ko = run(['--lang', 'ko', 'scenario', 'list']);
    const ja = run(['--lang', 'ja', 'scenario', 'list']);
    expect(ko).toMatch(/^\| 식별자 \| 이름 \| 광물 \| 기준 연도 \| 시작 \| 수출통제 \|/);
    expect(ja).toMatch(/^\| 識別子 \| 名称 \| 鉱物 \| 基準年 \| 開始 \| 輸出管理 \|/);
    // The preset's row: its minerals by name, its baseline year as the JSON gives it.
    expect(ko).toMatch(new RegExp(`\\| ${ga?.id} \\| [^|]+ \\| 갈륨, 게르마늄 \\| ${ga?.baselineYear} \\|`));
    expect(ja).toMatch(
      new RegExp(`\\| ${ga?.id} \\| [^|]+ \\| ガリウム、ゲルマニウム \\| ${ga?.baselineYear} \\|`),
    );
    for (const out of [ko, ja]) expect(out).not.toMatch(RAW_KEY);
  });

  it('scenario run in Korean and Japanese: headings, the stress table and its shortfall as in --json', () => {
    const args = ['scenario', 'run', 'cn-ga-ge-us-ban-2024', '--draws', '0'];
    const r = json<{
      scenario: { horizonMonths: number };
      countries: { country: string; mineral: string; ttsMonths: number; cumulativeShortfall: number }[];
    }>(args);
    const usa = r.countries.find((c) => c.country === 'USA' && c.mineral === 'gallium');
    expect(usa?.cumulativeShortfall).toBeGreaterThan(0);
    const ko = run(['--lang', 'ko', ...args]);
    expect(ko).toContain(`분석 기간 ${r.scenario.horizonMonths}개월`);
    expect(ko).toContain('## 스트레스 테스트(첫 감축부터의 개월 수)');
    expect(ko).toContain('| 국가 | 광물 | TTS | TTR | TTS<TTR | 부족분 t |');
    expect(ko).toMatch(/## 가정\n/);
    // The U.S. gallium row: country and mineral by name, TTS and the shortfall in tonnes from the JSON.
    expect(ko).toMatch(
      new RegExp(
        `\\| 미국 \\| 갈륨 \\| ${usa?.ttsMonths}\\+? \\| \\d+\\+? \\| 예 \\| ${sig(usa?.cumulativeShortfall ?? 0)} \\|`,
      ),
    );
    const ja = run(['--lang', 'ja', ...args]);
    expect(ja).toContain(`分析期間 ${r.scenario.horizonMonths}か月`);
    expect(ja).toContain('## ストレステスト(最初の削減からの月数)');
    expect(ja).toMatch(
      new RegExp(
        `\\| 米国 \\| ガリウム \\| ${usa?.ttsMonths}\\+? \\| \\d+\\+? \\| はい \\| ${sig(usa?.cumulativeShortfall ?? 0)} \\|`,
      ),
    );
    expect(ja).toMatch(KANA);
    for (const out of [ko, ja]) expect(out).not.toMatch(RAW_KEY);
  });

  it('scenario compare in Korean and Japanese: the title, column units and the shortfall cells as in --json', () => {
    const args = ['scenario', 'compare', 'cd-co-suspension-2025', 'cd-co-quota-2025', '--draws', '0'];
    const r = json<{ rows: { country: string; mineral: string; shortfallT: (number | null)[] }[] }>(args);
    const kor = r.rows.find((x) => x.country === 'KOR' && x.mineral === 'cobalt');
    const cells = (kor?.shortfallT ?? []).map((x) => (x === null ? '—' : sig(x))).join(' \\| ');
    const ko = run(['--lang', 'ko', ...args]);
    expect(ko).toMatch(/^# 시나리오 비교\n/);
    expect(ko).toContain('부족분(수요 일수)');
    expect(ko).toContain(`| 한국 | 코발트 | `);
    expect(ko).toContain(` | ${cells} | `);
    const ja = run(['--lang', 'ja', ...args]);
    expect(ja).toMatch(/^# シナリオの比較\n/);
    expect(ja).toContain('不足(需要日数)');
    expect(ja).toContain(`| 韓国 | コバルト | `);
    expect(ja).toContain(` | ${cells} | `);
    for (const out of [ko, ja]) expect(out).not.toMatch(RAW_KEY);
  });

  it('partners in Korean and Japanese: title, indicator columns, names and the top score as in --json', () => {
    const args = ['partners', '--mineral', 'cobalt', '--draws', '50'];
    const r = json<{
      ranking: { rank: number; country: string; score: number }[];
      candidates: { count: number };
    }>(args);
    const top = r.ranking[0];
    const ko = run(['--lang', 'ko', ...args]);
    expect(ko).toMatch(/^# 협력 대상국 순위\(코발트\)/);
    expect(ko).toContain(`개국).`);
    expect(ko).toContain(`(${r.candidates.count}개국)`);
    expect(ko).toContain('| 순위 | 코드 | 국가 | 점수 | 순위 구간 |');
    expect(ko).toContain('유엔 표결 정렬도');
    expect(ko).toContain(
      `| ${top.rank} | ${top.country} | ${countryNames('ko')[top.country]} | ${top.score.toFixed(3)} |`,
    );
    const ja = run(['--lang', 'ja', ...args]);
    expect(ja).toMatch(/^# 連携先の順位\(コバルト\)/);
    expect(ja).toContain(`(${r.candidates.count}か国)`);
    expect(ja).toContain('| 順位 | コード | 国 | スコア | 順位区間 |');
    expect(ja).toContain(
      `| ${top.rank} | ${top.country} | ${countryNames('ja')[top.country]} | ${top.score.toFixed(3)} |`,
    );
    for (const out of [ko, ja]) expect(out).not.toMatch(RAW_KEY);
  });

  it('alignment in Korean and Japanese: title with country names, columns, reasons and the JSON figures', () => {
    const args = ['alignment', 'KOR', 'USA', '--from', '2015', '--to', '2024'];
    const r = json<{
      years: { year: number; votes: number; agreement: number | null; idealPointDistance: number | null }[];
    }>(args);
    const y = r.years.find((x) => x.agreement !== null && x.idealPointDistance !== null);
    expect(y).toBeDefined();
    const row = `| ${y?.year} | ${y?.votes} | ${y?.agreement?.toFixed(3)} |`;
    const ko = run(['--lang', 'ko', ...args]);
    expect(ko).toMatch(/^# 유엔총회 정렬도 한국–미국, 2015–2024년/);
    expect(ko).toContain('| 연도 | 표결 수 | 일치도 | S 점수 | 카파 | 이상점 거리 | 결측 사유 |');
    expect(ko).toContain(row);
    expect(ko).toContain(`${y?.idealPointDistance?.toFixed(3)} |`);
    expect(ko).toMatch(/출처: /);
    const ja = run(['--lang', 'ja', ...args]);
    expect(ja).toMatch(/^# 国連総会の一致度 韓国–米国、2015–2024年/);
    expect(ja).toContain('| 年 | 投票数 | 一致率 | Sスコア | カッパ | 理想点距離 | 欠測の理由 |');
    expect(ja).toContain(row);
    // A year without votes names its reason in Japanese (the code no_votes_in_source in --json).
    if (r.years.some((x) => x.votes === 0)) expect(ja).toContain('出典に投票データなし');
    for (const out of [ko, ja]) expect(out).not.toMatch(RAW_KEY);
  });

  it('data status in Korean and Japanese: headings, columns, mineral names and row counts as in --json', () => {
    const s = json<{
      sources: { sourceId: number; rows: number }[];
      coverage: { mineral: string; dataset: string; rows: number }[];
    }>(['data', 'status']);
    const src = s.sources[0];
    const cov = s.coverage.find((c) => c.mineral === 'cobalt' && c.dataset === 'usgs-production');
    expect(cov).toBeDefined();
    const ko = run(['--lang', 'ko', 'data', 'status']);
    expect(ko).toMatch(/^# 출처\n/);
    expect(ko).toContain('# 수록 범위');
    expect(ko).toContain('| 출처 ID | 종류 | 파일 | 행 수 | 이용 허락 |');
    expect(ko).toMatch(new RegExp(`\\| ${src.sourceId} \\| [^|]+ \\| [^|]+ \\| ${src.rows} \\|`));
    expect(ko).toMatch(new RegExp(`\\| 코발트 \\| usgs-production \\| [^|]+ \\| ${cov?.rows} \\|`));
    const ja = run(['--lang', 'ja', 'data', 'status']);
    expect(ja).toMatch(/^# 出典\n/);
    expect(ja).toContain('# 収録範囲');
    expect(ja).toMatch(new RegExp(`\\| コバルト \\| usgs-production \\| [^|]+ \\| ${cov?.rows} \\|`));
    expect(ko).toMatch(HANGUL);
    for (const out of [ko, ja]) expect(out).not.toMatch(RAW_KEY);
  });

  it('an unknown language exits 2 and names the choices, for --lang and for $MINSEC_LANG', () => {
    const bad = cli(['--lang', 'de', 'production', 'gallium']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown language "de"\. Valid: en, ko, ja/);
    const env = cli(['production', 'gallium'], { env: { MINSEC_LANG: 'xx' } });
    expect(env.code).toBe(2);
  });
});
