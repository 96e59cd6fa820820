// The dashboard's language: chosen by ?lang=ko|ja|en in the URL (kept when the page changes, so a link opens
// in the sender's language), loaded lazily (one chunk per locale for messages and for country names), and
// handed to every component through useT(). Switching language rewrites ?lang in place and re-renders; the
// document's lang attribute follows.
import type { ComponentChildren } from 'preact';
import { createContext } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import {
  type CountryNames,
  DEFAULT_LOCALE,
  isLocale,
  type Locale,
  type LocaleResources,
  makeTranslator,
  type Translator,
} from '../../src/i18n/core.ts';
import { setFormatters } from './format.ts';

export type { Locale, Translator };

type Json = Record<string, unknown>;
const COMMON = import.meta.glob<Json>('../../src/i18n/locales/*/common.json', { import: 'default' });
const WEB = import.meta.glob<Json>('../../src/i18n/locales/*/web.json', { import: 'default' });
const NAMES = import.meta.glob<{ names: CountryNames }>('../../data/reference/country-names/*.json', {
  import: 'default',
});

const load = async (locale: Locale): Promise<{ resources: LocaleResources; names: CountryNames }> => {
  const [common, web, names] = await Promise.all([
    COMMON[`../../src/i18n/locales/${locale}/common.json`](),
    WEB[`../../src/i18n/locales/${locale}/web.json`](),
    NAMES[`../../data/reference/country-names/${locale}.json`](),
  ]);
  return { resources: { common, web }, names: names.names };
};

/** The language named in the URL (?lang= before the hash, or inside the hash's query), else English. */
export function urlLocale(): Locale {
  const fromSearch = new URLSearchParams(location.search).get('lang');
  const fromHash = new URLSearchParams(location.hash.split('?')[1] ?? '').get('lang');
  const v = (fromSearch ?? fromHash ?? '').toLowerCase();
  return isLocale(v) ? v : DEFAULT_LOCALE;
}

const translators = new Map<Locale, Promise<Translator>>();

/** Loads (once) the translator for a locale; English is loaded beside another locale to fill any gap. */
export function loadTranslator(locale: Locale): Promise<Translator> {
  let p = translators.get(locale);
  if (!p) {
    p = Promise.all([load(locale), locale === 'en' ? null : load('en')]).then(([own, en]) =>
      makeTranslator({
        locale,
        ns: 'web',
        resources: own.resources,
        fallback: en?.resources,
        countries: own.names,
        fallbackCountries: en?.names,
        onMissing: (key) => console.warn(`minsec: missing message ${key} (${locale})`),
      }),
    );
    translators.set(locale, p);
  }
  return p;
}

const I18n = createContext<Translator | null>(null);

/** The current translator (t, formatters, country and mineral names). */
export function useT(): Translator {
  const tr = useContext(I18n);
  if (!tr) throw new Error('useT() outside <I18nProvider>');
  return tr;
}

/** Sets ?lang= in the address (keeping the hash route) without reloading. */
export function writeUrlLocale(locale: Locale) {
  const search = new URLSearchParams(location.search);
  if (locale === DEFAULT_LOCALE) search.delete('lang');
  else search.set('lang', locale);
  const s = search.toString();
  history.replaceState(history.state, '', `${location.pathname}${s ? `?${s}` : ''}${location.hash}`);
  dispatchEvent(new Event('minsec:lang'));
}

/** Provides the translator of the URL's language; renders nothing until its messages have loaded. */
export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [tr, setTr] = useState<Translator | null>(null);
  useEffect(() => {
    let live = true;
    const apply = () =>
      loadTranslator(urlLocale()).then((next) => {
        if (!live) return;
        setFormatters(next);
        document.documentElement.lang = next.locale;
        setTr(next);
      });
    apply();
    addEventListener('minsec:lang', apply);
    addEventListener('popstate', apply);
    return () => {
      live = false;
      removeEventListener('minsec:lang', apply);
      removeEventListener('popstate', apply);
    };
  }, []);
  if (!tr) return null;
  return <I18n.Provider value={tr}>{children}</I18n.Provider>;
}
