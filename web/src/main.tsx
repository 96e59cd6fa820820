// The minsec dashboard: a header (navigation that collapses on phones, language switch), one page per view
// routed by the URL hash, a skip link to the content, a live region for loading and errors, the document
// title per page and focus moved to the page heading after navigation.
import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import './style.css';
import { LOCALES } from '../../src/i18n/core.ts';
import { focusHeading, setAnnouncer, setPageDetail, setPageSection } from './a11y.ts';
import { I18nProvider, useT, writeUrlLocale } from './i18n.tsx';
import { DataPage } from './pages/Data.tsx';
import { MineralPage } from './pages/Mineral.tsx';
import { NetAssessPage } from './pages/NetAssess.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { PartnersPage } from './pages/Partners.tsx';
import { ScenarioPage } from './pages/Scenario.tsx';
import { href, useRoute } from './route.ts';

const PAGES = ['overview', 'mineral', 'scenario', 'partners', 'netassess', 'data'] as const;

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
        {page === 'overview' ? (
          <OverviewPage />
        ) : page === 'mineral' ? (
          <MineralPage route={route} />
        ) : page === 'scenario' ? (
          <ScenarioPage route={route} />
        ) : page === 'partners' ? (
          <PartnersPage route={route} />
        ) : page === 'netassess' ? (
          <NetAssessPage route={route} />
        ) : page === 'data' ? (
          <DataPage />
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
