// Derives data/reference/country-names/{en,ko,ja}.json (country names by ISO3 in each dashboard language) from
// the shared world-countries file (countries/world-countries/countries.json, mledoze/countries, ODbL 1.0):
// English `name.common`, Korean `translations.kor.common`, Japanese `translations.jpn.common`, for every code of
// the model's vocabulary (data/reference/countries.csv). Where the file's name departs from the usage of the
// governments the product serves, OVERRIDES gives the official form with its source. Former countries (not in
// the file) carry hand-written names. Run: npx tsx scripts/derive-country-names.ts [../shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

const from = process.argv[2] ?? '../shared/data';
type Entry = {
  cca3: string;
  name: { common: string };
  translations: Record<string, { common: string }>;
};
const file = JSON.parse(
  readFileSync(join(from, 'countries/world-countries/countries.json'), 'utf8'),
) as Entry[];
// world-countries writes Kosovo as UNK; the model uses the user-assigned XKX (src/model/countries.ts).
const byIso3 = new Map(file.map((c) => [c.cca3 === 'UNK' ? 'XKX' : c.cca3, c]));
const vocabulary = parse(readFileSync('data/reference/countries.csv'), { columns: true }) as {
  iso3: string;
  name: string;
}[];

const KO_MOFA = 'Ministry of Foreign Affairs of Korea, country pages (www.mofa.go.kr, 국가/지역 정보)';
const JA_MOFA = 'Ministry of Foreign Affairs of Japan, 国・地域 (www.mofa.go.jp/mofaj/area/)';
const OVERRIDES: Record<'en' | 'ko' | 'ja', Record<string, { name: string; source: string }>> = {
  en: {},
  ko: {
    PRK: {
      name: '북한',
      source: `${KO_MOFA}; Ministry of Unification usage (the file has the North's own 조선)`,
    },
    MNG: { name: '몽골', source: KO_MOFA },
    COD: { name: '콩고민주공화국', source: KO_MOFA },
    ZAF: { name: '남아프리카공화국', source: KO_MOFA },
    TUR: {
      name: '튀르키예',
      source: `${KO_MOFA} (name changed 2022 at Türkiye's request; the file has 터키)`,
    },
  },
  ja: {
    USA: {
      name: '米国',
      source:
        'METI and MOFA Japan documents (e.g. 日米重要鉱物サプライチェーン強化協定, METI press release 2023-03-28)',
    },
    GBR: { name: '英国', source: JA_MOFA },
    TWN: { name: '台湾', source: `${JA_MOFA} (listed as a region; the file has 中華民国)` },
    ARE: { name: 'アラブ首長国連邦', source: JA_MOFA },
  },
};
const FORMER: Record<string, Record<'en' | 'ko' | 'ja', string>> = {
  ANT: { en: 'Netherlands Antilles (former)', ko: '네덜란드령 안틸레스(구)', ja: 'オランダ領アンティル(旧)' },
  CSK: { en: 'Czechoslovakia (former)', ko: '체코슬로바키아(구)', ja: 'チェコスロバキア(旧)' },
  DDR: { en: 'East Germany (former)', ko: '동독(구)', ja: '東ドイツ(旧)' },
  YAR: { en: 'North Yemen (former)', ko: '북예멘(구)', ja: '北イエメン(旧)' },
  SCG: {
    en: 'Serbia and Montenegro (former)',
    ko: '세르비아 몬테네그로(구)',
    ja: 'セルビア・モンテネグロ(旧)',
  },
};
const FIELD = { en: null, ko: 'kor', ja: 'jpn' } as const;

for (const locale of ['en', 'ko', 'ja'] as const) {
  const names: Record<string, string> = {};
  for (const { iso3, name } of vocabulary) {
    const entry = byIso3.get(iso3);
    const field = FIELD[locale];
    names[iso3] =
      OVERRIDES[locale][iso3]?.name ??
      FORMER[iso3]?.[locale] ??
      (entry ? (field ? entry.translations[field]?.common : entry.name.common) : undefined) ??
      name;
  }
  const out = {
    source:
      'countries/world-countries/countries.json (mledoze/countries, ODbL 1.0), common names; derived by scripts/derive-country-names.ts',
    licence: 'ODbL 1.0',
    overrides: Object.fromEntries(Object.entries(OVERRIDES[locale]).map(([k, v]) => [k, v.source])),
    names,
  };
  writeFileSync(`data/reference/country-names/${locale}.json`, `${JSON.stringify(out, null, 1)}\n`);
  console.log(`${locale}: ${Object.keys(names).length} names`);
}
