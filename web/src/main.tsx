// The minsec dashboard: a header (navigation that collapses on phones, language switch), one page per view
// routed by the URL hash, a skip link to the content, a live region for loading and errors, the document
// title per page and focus moved to the page heading after navigation.
import { type FunctionComponent, render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import './style.css';
import { LOCALES } from '../../src/i18n/locale.ts';
import { focusHeading, focusHeadingIfPending, setAnnouncer, setPageDetail, setPageSection } from './a11y.ts';
import { Loading } from './components/Status.tsx';
import { I18nProvider, useT, writeUrlLocale } from './i18n.tsx';
import { href, type Route, useRoute } from './route.ts';

const PAGES = ['overview', 'mineral', 'scenario', 'partners', 'netassess', 'data'] as const;
type PageId = (typeof PAGES)[number];
type PageComponent = FunctionComponent<{ route: Route }>;

/** Each page is its own chunk, fetched when first shown (the map, Sankey and scenario code load with theirs). */
const LOADERS: Record<PageId, () => Promise<PageComponent>> = {
  overview: () => import('./pages/Overview.tsx').then((m) => m.OverviewPage as PageComponent),
  mineral: () => import('./pages/Mineral.tsx').then((m) => m.MineralPage),
  scenario: () => import('./pages/Scenario.tsx').then((m) => m.ScenarioPage),
  partners: () => import('./pages/Partners.tsx').then((m) => m.PartnersPage),
  netassess: () => import('./pages/NetAssess.tsx').then((m) => m.NetAssessPage),
  data: () => import('./pages/Data.tsx').then((m) => m.DataPage as PageComponent),
};
const loaded = new Map<PageId, PageComponent>();

function Page({ id, route }: { id: PageId; route: Route }) {
  const [, setReady] = useState(0);
  const Component = loaded.get(id);
  useEffect(() => {
    if (loaded.has(id)) return;
    let live = true;
    LOADERS[id]().then((c) => {
      loaded.set(id, c);
      if (live) setReady((n) => n + 1);
    });
    return () => {
      live = false;
    };
  }, [id]);
  useEffect(() => {
    if (Component) focusHeadingIfPending();
  }, [Component]);
  return Component ? <Component route={route} /> : <Loading />;
}

function App() {
  const tr = useT();
  const { t } = tr;
  const route = useRoute();
  const page = route.parts[0] ?? 'overview';
  const known = (PAGES as readonly string[]).includes(page);
  const [menuOpen, setMenuOpen] = useState(false);
  const live = useRef<HTMLDivElement>(null);
  const firstPage = useRef(true);
  useEffect(() => setAnnouncer(live.current), []);
  // A layout effect, so the section is named before the page's own effect adds its detail to the title.
  useLayoutEffect(() => {
    setPageSection(known ? t(`nav.${page}`) : t('page.unknownTitle'), t('common:app.name'));
    setMenuOpen(false);
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    focusHeading();
  }, [page, tr.locale]);
  useEffect(() => {
    if (!known) setPageDetail('');
  }, [known]);
  return (
    <>
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is an in-page link; the hash holds the route, so the jump is done by focus instead of by changing the hash */}
      <a
        class="skip"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          focusHeading();
        }}
      >
        {t('frame.skip')}
      </a>
      <header class="top">
        <a class="brand" href={href('/overview')}>
          {t('common:app.name')}
        </a>
        <button
          type="button"
          class="nav-toggle"
          aria-expanded={menuOpen}
          aria-controls="site-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('frame.menu')}
        </button>
        <nav id="site-nav" aria-label={t('frame.pages')} class={menuOpen ? 'open' : undefined}>
          {PAGES.map((p) => (
            <a key={p} href={href(`/${p}`)} aria-current={page === p ? 'page' : undefined}>
              {t(`nav.${p}`)}
            </a>
          ))}
        </nav>
        <label class="lang">
          <span class="sr-only">{t('common:language.label')}</span>
          <select
            value={tr.locale}
            onChange={(e) => writeUrlLocale(e.currentTarget.value as (typeof LOCALES)[number])}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`common:language.${l}`)}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main id="main" tabIndex={-1}>
        {known ? (
          <Page id={page as PageId} route={route} />
        ) : (
          <>
            <h1>{t('page.unknownTitle')}</h1>
            <p>{t('page.unknown')}</p>
          </>
        )}
      </main>
      <div class="sr-only" role="status" aria-live="polite" ref={live} />
    </>
  );
}

render(
  <I18nProvider>
    <App />
  </I18nProvider>,
  document.getElementById('app') as HTMLElement,
);
