// Translators for the Node faces (CLI human output, briefings): locale files and country names read from disk
// once per process. `--lang` on the CLI (src/cli/main.ts) and `lang` on a brief request choose the locale.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referencePath } from '../model/paths.ts';
import {
  type CountryNames,
  DEFAULT_LOCALE,
  type Locale,
  type LocaleResources,
  makeTranslator,
  NAMESPACES,
  type Namespace,
  type Translator,
} from './core.ts';

export * from './core.ts';
export { localeOf, parseLocale } from './locale.ts';

const LOCALE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'locales');

const resourceCache = new Map<Locale, LocaleResources>();
/** Every namespace of one locale, as in src/i18n/locales/<locale>/<namespace>.json. */
export function localeResources(locale: Locale): LocaleResources {
  let r = resourceCache.get(locale);
  if (!r) {
    r = {};
    for (const ns of NAMESPACES) {
      const file = join(LOCALE_DIR, locale, `${ns}.json`);
      if (existsSync(file)) r[ns] = JSON.parse(readFileSync(file, 'utf8'));
    }
    resourceCache.set(locale, r);
  }
  return r;
}

const namesCache = new Map<Locale, CountryNames>();
/** Country names by ISO3 (data/reference/country-names/<locale>.json, from the shared world-countries file). */
export function countryNames(locale: Locale): CountryNames {
  let n = namesCache.get(locale);
  if (!n) {
    n = (
      JSON.parse(readFileSync(referencePath('country-names', `${locale}.json`), 'utf8')) as {
        names: CountryNames;
      }
    ).names;
    namesCache.set(locale, n);
  }
  return n;
}

const translators = new Map<string, Translator>();
/** A translator for one locale and face (namespace), with English filling any key the locale lacks. */
export function translator(locale: Locale = DEFAULT_LOCALE, ns: Namespace = 'cli'): Translator {
  const key = `${locale}|${ns}`;
  let tr = translators.get(key);
  if (!tr) {
    tr = makeTranslator({
      locale,
      ns,
      resources: localeResources(locale),
      fallback: locale === 'en' ? undefined : localeResources('en'),
      countries: countryNames(locale),
      fallbackCountries: countryNames('en'),
    });
    translators.set(key, tr);
  }
  return tr;
}
