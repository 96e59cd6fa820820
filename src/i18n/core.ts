// The i18n core shared by every face (web pages, CLI human output, briefings): the three locales, a translator
// built on i18next (one instance per locale, resources passed in, so the same code runs in Node and the
// browser), country and mineral names by locale, and the Intl formatters (src/i18n/format.ts).
// Keys are "namespace:path" (common, web, brief, cli); a face's translator looks in its own namespace first
// and then in common, so web code writes t('nav.mineral') and t('common:term.supplyChain') alike.
import i18next, { type i18n, type Resource } from 'i18next';
import { type Formatters, formatters } from './format.ts';
import { INTL_LOCALE, type Locale } from './locale.ts';

export { DEFAULT_LOCALE, INTL_LOCALE, isLocale, LOCALES, type Locale } from './locale.ts';
export const NAMESPACES = ['common', 'web', 'brief', 'cli'] as const;
export type Namespace = (typeof NAMESPACES)[number];

/** Interpolation values: {{name}} in a message; `count` selects the plural form (Intl.PluralRules). */
export type TParams = Record<string, string | number | null | undefined>;
export type TFunction = (key: string, params?: TParams) => string;

/** Names of countries by ISO3 for one locale (data/reference/country-names/<locale>.json). */
export type CountryNames = Record<string, string>;

export interface Translator extends Formatters {
  locale: Locale;
  /** The BCP 47 tag (ko-KR, ja-JP, en-US). */
  tag: string;
  t: TFunction;
  /** Whether a key exists (in the translator's namespace or common). */
  has: (key: string) => boolean;
  /** The message for a key built from data (a code, a topic), or `fallback` when there is none. */
  tOr: (key: string, fallback: string, params?: TParams) => string;
  /** A country's name in this locale (ISO3; null is the USGS remainder "other countries"). */
  country: (iso3: string | null) => string;
  /** A mineral's name in this locale (mineral id, e.g. gallium → 갈륨). */
  mineral: (id: string) => string;
  /** A USGS unit in this locale ("metric tons" → 톤); unknown units as given. */
  unit: (unit: string) => string;
}

/** Locale resources: namespace → nested messages, as in src/i18n/locales/<locale>/<namespace>.json. */
export type LocaleResources = Partial<Record<Namespace, Record<string, unknown>>>;

/**
 * A translator for one locale and face. `fallback` (English) fills keys a locale lacks, so a missing
 * translation shows English rather than a raw key; the key-completeness test keeps that from happening.
 */
export function makeTranslator(opts: {
  locale: Locale;
  ns: Namespace;
  resources: LocaleResources;
  fallback?: LocaleResources;
  countries: CountryNames;
  fallbackCountries?: CountryNames;
  onMissing?: (key: string) => void;
}): Translator {
  const resources: Resource = { [opts.locale]: opts.resources as Resource[string] };
  if (opts.fallback && opts.locale !== 'en') resources.en = opts.fallback as Resource[string];
  const instance: i18n = i18next.createInstance();
  instance.init({
    lng: opts.locale,
    fallbackLng: opts.fallback ? 'en' : false,
    resources,
    ns: [...NAMESPACES],
    defaultNS: opts.ns,
    fallbackNS: 'common',
    initAsync: false,
    returnNull: false,
    interpolation: { escapeValue: false },
    saveMissing: Boolean(opts.onMissing),
    missingKeyHandler: opts.onMissing ? (_l, _ns, key) => opts.onMissing?.(key) : undefined,
  });
  const fixed = instance.getFixedT(opts.locale, opts.ns);
  const post = opts.locale === 'ko' ? koreanParticles : (s: string) => s;
  const t: TFunction = (key, params) => post(fixed(key, params as Record<string, unknown>) as string);
  const f = formatters(INTL_LOCALE[opts.locale]);
  const other = t('common:country.other');
  return {
    ...f,
    locale: opts.locale,
    tag: INTL_LOCALE[opts.locale],
    t,
    has: (key) => instance.exists(key, { ns: [opts.ns, 'common'] }),
    tOr: (key, fallback, params) =>
      instance.exists(key, { ns: [opts.ns, 'common'] }) ? t(key, params) : fallback,
    country: (iso3) =>
      iso3 === null ? other : (opts.countries[iso3] ?? opts.fallbackCountries?.[iso3] ?? iso3),
    mineral: (id) => (instance.exists(`common:mineral.${id}`) ? t(`common:mineral.${id}`) : id),
    unit: (u) => {
      const key = `common:unitName.${u.trim().toLowerCase().replace(/\s+/g, '-')}`;
      return instance.exists(key) ? t(key) : u;
    },
  };
}

/**
 * Korean particles that depend on the preceding syllable, written in messages in their paired form after a
 * placeholder ("{{country}}은(는)", "{{value}}을(를)", "{{partner}}이(가)", "{{x}}과(와)", "{{x}}(으)로"), resolved
 * once the value is in: 은/이/을/과/으로 after a final consonant (받침), 는/가/를/와/로 after a vowel, and 로 after
 * ㄹ. Hangul's final consonant is (code − 0xAC00) mod 28 (Unicode §3.12); a digit is read as its Sino-Korean
 * name (영 일 이 삼 사 오 육 칠 팔 구), "%" as 퍼센트; after a parenthesis, the word before it decides
 * ("1.6%(광산, 2025년)을(를)" → 를). Anything else keeps the paired form.
 */
const DIGIT_FINAL = [21, 8, 0, 16, 0, 0, 1, 8, 8, 0]; // 영(ㅇ) 일(ㄹ) 이 삼(ㅁ) 사 오 육(ㄱ) 칠(ㄹ) 팔(ㄹ) 구
const RIEUL = 8;
function finalConsonant(ch: string): number | null {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0xac00 && c <= 0xd7a3) return (c - 0xac00) % 28;
  if (ch >= '0' && ch <= '9') return DIGIT_FINAL[Number(ch)];
  if (ch === '%') return 0;
  return null;
}
const PAIRS: Record<string, [string, string]> = {
  '은(는)': ['은', '는'],
  '이(가)': ['이', '가'],
  '을(를)': ['을', '를'],
  '과(와)': ['과', '와'],
};
/** The character a particle attaches to: before a closing parenthesis, the one before its opening one. */
function attachPoint(s: string, end: number): string {
  let i = end;
  if (s[i] === ')') {
    let depth = 0;
    for (; i >= 0; i--) {
      if (s[i] === ')') depth++;
      else if (s[i] === '(' && --depth === 0) break;
    }
    i--;
  }
  return i >= 0 ? s[i] : '';
}

export function koreanParticles(s: string): string {
  return s.replace(
    /(.)(은\(는\)|이\(가\)|을\(를\)|과\(와\)|\(으\)로)/gu,
    (all, prev: string, pair: string, at: number) => {
      const f = finalConsonant(prev === ')' ? attachPoint(s, at) : prev);
      if (f === null) return all;
      if (pair === '(으)로') return `${prev}${f === 0 || f === RIEUL ? '로' : '으로'}`;
      const [withFinal, withoutFinal] = PAIRS[pair];
      return `${prev}${f === 0 ? withoutFinal : withFinal}`;
    },
  );
}
