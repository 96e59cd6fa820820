// The glossary of terms of art: every Korean and Japanese term cites where it is used (source and URL) and how
// directly, and the locale files use exactly the glossary's terms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { translator } from '../../src/i18n/node.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';

interface Usage {
  term: string;
  verified: 'exact' | 'secondary' | 'translation';
  source: string;
  url: string;
}
const glossary = parse(readFileSync(join(PROJECT_ROOT, 'src', 'i18n', 'glossary.yaml'), 'utf8')) as {
  terms: { id: string; key: string; en: string; ko: Usage; ja: Usage }[];
};

describe('glossary', () => {
  it('covers the terms the issue names (핵심광물, 공급망, 비축; 重要鉱物, サプライチェーン, 備蓄)', () => {
    const ko = glossary.terms.map((t) => t.ko.term);
    const ja = glossary.terms.map((t) => t.ja.term);
    expect(ko).toEqual(expect.arrayContaining(['핵심광물', '공급망', '비축']));
    expect(ja).toEqual(expect.arrayContaining(['重要鉱物', 'サプライチェーン', '備蓄']));
  });

  it('every Korean and Japanese term has a source, a URL and a verification grade', () => {
    for (const t of glossary.terms)
      for (const u of [t.ko, t.ja]) {
        expect(u.source.length, `${t.id}`).toBeGreaterThan(10);
        expect(u.url, `${t.id}`).toMatch(/^https?:\/\//);
        expect(['exact', 'secondary', 'translation']).toContain(u.verified);
      }
  });

  it('the locale files use the glossary terms', () => {
    for (const t of glossary.terms) {
      expect(translator('en').t(`common:${t.key}`), t.id).toBe(t.en);
      expect(translator('ko').t(`common:${t.key}`), t.id).toBe(t.ko.term);
      expect(translator('ja').t(`common:${t.key}`), t.id).toBe(t.ja.term);
    }
  });
});
