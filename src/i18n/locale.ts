// The three locales and how a user names one (--lang, $MINSEC_LANG, ?lang=). No dependencies beyond the error
// type, so the CLI can check --lang without loading any message.
import { UserInputError } from '../model/errors.ts';

export const LOCALES = ['en', 'ko', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** BCP 47 tags for Intl (language plus the region whose conventions the numbers follow). */
export const INTL_LOCALE: Record<Locale, string> = { en: 'en-US', ko: 'ko-KR', ja: 'ja-JP' };

export const isLocale = (s: unknown): s is Locale => typeof s === 'string' && LOCALES.includes(s as Locale);

/** The locale a user asked for ("ko", "ko-KR", "JA"…), English when none, or a clear error naming the choices. */
export function parseLocale(value: string | undefined | null, field = 'lang'): Locale {
  if (value === undefined || value === null || value === '') return DEFAULT_LOCALE;
  const v = value.trim().toLowerCase().split(/[-_]/)[0];
  if (isLocale(v)) return v;
  throw new UserInputError(`unknown language "${value}". Valid: ${LOCALES.join(', ')}`, field);
}

/** The CLI's language: the global --lang option, else $MINSEC_LANG, else English. */
export const localeOf = (opts: { lang?: string }) =>
  parseLocale(opts.lang ?? process.env.MINSEC_LANG, opts.lang === undefined ? 'MINSEC_LANG' : '--lang');
