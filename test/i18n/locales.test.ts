// The locale files are complete and consistent: every key of the English messages exists in Korean and
// Japanese (with the plural forms each language needs, by Intl.PluralRules), with the same {{placeholders}},
// no empty message, no key that English lacks; every key the code uses literally exists; every mineral and
// every country of the model has a name in each language.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countryNames, LOCALES, localeResources, NAMESPACES, type Namespace } from '../../src/i18n/node.ts';
import { COUNTRIES } from '../../src/model/countries.ts';
import { MINERALS } from '../../src/model/minerals.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';
import { itRaw, rawPath } from '../helpers.ts';

type Tree = Record<string, unknown>;

/** Leaf messages by dotted path. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(path, v);
    else if (v && typeof v === 'object') for (const [p, s] of flatten(v as Tree, path)) out.set(p, s);
    else throw new Error(`${path}: not a string or object`);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const base = (key: string) => key.replace(PLURAL, '');
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

/** Message keys as a language needs them: a plural base expands to that language's categories. */
function expected(enKeys: Set<string>, locale: string): Set<string> {
  const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
  const out = new Set<string>();
  for (const k of enKeys) {
    if (PLURAL.test(k)) for (const c of categories) out.add(`${base(k)}_${c}`);
    else out.add(k);
  }
  return out;
}

const messages = (locale: (typeof LOCALES)[number], ns: Namespace) =>
  flatten((localeResources(locale)[ns] ?? {}) as Tree);

describe('locale files', () => {
  for (const ns of NAMESPACES) {
    const en = messages('en', ns);
    for (const locale of LOCALES.filter((l) => l !== 'en')) {
      it(`${locale}/${ns}.json has every key of en/${ns}.json, with its plural forms, and no other`, () => {
        const own = messages(locale, ns);
        const want = expected(new Set(en.keys()), locale);
        expect(
          [...want].filter((k) => !own.has(k)),
          'missing keys',
        ).toEqual([]);
        expect(
          [...own.keys()].filter((k) => !want.has(k)),
          'keys English does not have',
        ).toEqual([]);
      });
      it(`${locale}/${ns}.json uses the same placeholders as English and no empty message`, () => {
        const own = messages(locale, ns);
        const bad: string[] = [];
        for (const [k, v] of own) {
          const enMessage = en.get(k) ?? en.get(`${base(k)}_other`) ?? '';
          if (!v.trim()) bad.push(`${k}: empty`);
          const theirs = new Set(placeholders(enMessage));
          const mine = new Set(placeholders(v));
          // count may be dropped where the language has one form ("파일 {{count}}개" keeps it; that is allowed too)
          for (const p of theirs) if (!mine.has(p) && p !== 'count') bad.push(`${k}: lacks {{${p}}}`);
          for (const p of mine) if (!theirs.has(p)) bad.push(`${k}: unknown {{${p}}}`);
        }
        expect(bad).toEqual([]);
      });
    }
  }

  it('Korean and Japanese messages are written in their own scripts, not left in English', () => {
    // A message with no Hangul (resp. kana or kanji) is a copy of the English unless it is a name, a
    // formula or a placeholder list; the test allows those only when English has the same letters and digits
    // (punctuation and spacing follow the language: "HHI(0–10,000)" for "HHI (0–10,000)").
    const letters = (x: string | undefined) => (x ?? '').replace(/[^\p{L}\p{N}]/gu, '');
    const script = { ko: /[\uac00-\ud7a3]/, ja: /[\u3040-\u30ff\u4e00-\u9fff]/ } as const;
    const untranslated: string[] = [];
    for (const ns of NAMESPACES)
      for (const locale of ['ko', 'ja'] as const) {
        const en = messages('en', ns);
        for (const [k, v] of messages(locale, ns)) {
          const enMessage = en.get(k) ?? en.get(`${base(k)}_other`);
          if (!script[locale].test(v) && letters(v) !== letters(enMessage))
            untranslated.push(`${locale}/${ns}: ${k} = ${v}`);
        }
      }
    expect(untranslated).toEqual([]);
  });
});

/** Source files of one face and the namespace its translator reads first. */
const FACES: { dir: string; ns: Namespace }[] = [
  { dir: 'web/src', ns: 'web' },
  { dir: 'src/report', ns: 'brief' },
  { dir: 'src/cli', ns: 'cli' },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(PROJECT_ROOT, dir), { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('keys used in code', () => {
  it('every literal key passed to t() exists in English', () => {
    const en = Object.fromEntries(NAMESPACES.map((ns) => [ns, messages('en', ns)]));
    const has = (ns: Namespace, key: string) =>
      en[ns].has(key) || en[ns].has(`${key}_other`) || en[ns].has(`${key}_one`);
    const missing: string[] = [];
    let found = 0;
    for (const face of FACES)
      for (const file of sourceFiles(face.dir)) {
        const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
        for (const m of text.matchAll(/\bt\(\s*(['"`])([\w.:-]+)\1/g)) {
          found++;
          const [ns, key] = m[2].includes(':') ? (m[2].split(':') as [Namespace, string]) : [face.ns, m[2]];
          if (!NAMESPACES.includes(ns) || !(has(ns, key) || (ns === face.ns && has('common', key))))
            missing.push(`${relative(PROJECT_ROOT, join(PROJECT_ROOT, file))}: ${m[2]}`);
        }
      }
    expect(found).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});

describe('names from data', () => {
  it('every mineral of the model has a name in each language', () => {
    for (const locale of LOCALES) {
      const names = messages(locale, 'common');
      expect(
        MINERALS.filter((m) => !names.has(`mineral.${m.id}`)).map((m) => m.id),
        locale,
      ).toEqual([]);
    }
  });

  it('every country of the model has a name in each language, with official usage where it differs', () => {
    for (const locale of LOCALES) {
      const names = countryNames(locale);
      expect(
        COUNTRIES.filter((c) => !names[c.iso3]).map((c) => c.iso3),
        locale,
      ).toEqual([]);
    }
    // Official usage where the shared file differs (each override cites its source in the derived file).
    expect(countryNames('ko').PRK).toBe('북한');
    expect(countryNames('ja').TWN).toBe('台湾');
    expect(countryNames('ja').USA).toBe('米国');
  });

  itRaw('the names are those of the shared world-countries file, except the cited overrides', () => {
    // Expected names read from the raw file here (translations.kor/jpn.common), except the documented
    // official-usage overrides that the derived file lists with their source.
    const raw = JSON.parse(
      readFileSync(rawPath('countries', 'world-countries', 'countries.json'), 'utf8'),
    ) as { cca3: string; name: { common: string }; translations: Record<string, { common: string }> }[];
    const byIso3 = new Map(raw.map((c) => [c.cca3 === 'UNK' ? 'XKX' : c.cca3, c]));
    for (const locale of LOCALES) {
      const file = JSON.parse(
        readFileSync(join(PROJECT_ROOT, 'data', 'reference', 'country-names', `${locale}.json`), 'utf8'),
      ) as { overrides: Record<string, string>; names: Record<string, string> };
      const names = countryNames(locale);
      expect(
        COUNTRIES.filter((c) => !names[c.iso3]).map((c) => c.iso3),
        locale,
      ).toEqual([]);
      const field = { en: null, ko: 'kor', ja: 'jpn' }[locale];
      for (const c of COUNTRIES) {
        const entry = byIso3.get(c.iso3);
        if (!entry || file.overrides[c.iso3]) continue;
        expect(names[c.iso3], `${locale} ${c.iso3}`).toBe(
          field ? entry.translations[field].common : entry.name.common,
        );
      }
    }
    // Official usage where the file differs (each override cites its source in the derived file).
    expect(countryNames('ko').PRK).toBe('북한');
    expect(countryNames('ja').TWN).toBe('台湾');
    expect(countryNames('ja').USA).toBe('米国');
  });
});
