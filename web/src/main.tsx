// The minsec dashboard: a navigation bar and one page per view, routed by the URL hash.
import { render } from 'preact';
import './style.css';
import { DataPage } from './pages/Data.tsx';
import { MineralPage } from './pages/Mineral.tsx';
import { NetAssessPage } from './pages/NetAssess.tsx';
import { OverviewPage } from './pages/Overview.tsx';
import { PartnersPage } from './pages/Partners.tsx';
import { ScenarioPage } from './pages/Scenario.tsx';
import { href, useRoute } from './route.ts';

const PAGES = [
  { id: 'overview', label: 'Overview' },
  { id: 'mineral', label: 'Mineral' },
  { id: 'scenario', label: 'Scenario' },
  { id: 'partners', label: 'Partners' },
  { id: 'netassess', label: 'Net assessment' },
  { id: 'data', label: 'Data' },
] as const;

function App() {
  const route = useRoute();
  const page = route.parts[0] ?? 'overview';
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">minsec</span>
        <nav aria-label="Pages">
          {PAGES.map((p) => (
            <a key={p.id} href={href(`/${p.id}`)} aria-current={page === p.id ? 'page' : undefined}>
              {p.label}
            </a>
          ))}
        </nav>
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
          <p>Unknown page. Choose one above.</p>
        )}
      </main>
    </>
  );
}

render(<App />, document.getElementById('app') as HTMLElement);
