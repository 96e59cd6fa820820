// The vulnerability part of the Mineral page (from /api/assess/:mineral): imports into the chosen trio country
// as a Sankey, the three views of dependence (shipped by, refined in, mined in) with their basis and coverage,
// the net import reliance, for the U.S. every trade source side by side, the trends of China's share in each
// view 2002–2024, risk scores and the data gaps.
import { hhiTrend, shareTrend, viewBars } from '../../../src/report/charts.ts';
import {
  codesText,
  isHeadline,
  nirValue,
  SHOWN_SHARE,
  sourceName,
  sourcesOf,
  topShares,
  unitText,
  VIEWS,
  type ViewKey,
  viewName,
  yearsRange,
} from '../../../src/report/dependence.ts';
import type { AssessResult } from '../../../src/services/assess.ts';
import { Figure } from '../components/Figure.tsx';
import { Sankey } from '../components/Sankey.tsx';
import { Gaps } from '../components/Status.tsx';
import { Table } from '../components/Table.tsx';
import { num, pct, usd } from '../format.ts';
import { useWidth } from '../hooks.ts';
import { useT } from '../i18n.tsx';
import { userText } from '../text.ts';

const TOP = 8;
/** Suppliers below this share of the importer's value are drawn together as "others". */
const MIN_SHARE = 0.01;

type Importer = AssessResult['importers'][number];
type Scored = {
  sr?: number | null;
  score?: number | null;
  reason?: string | null;
  publishedEu2023?: number | null;
};

function ImportsSankey({
  imp,
  name,
  year,
  source,
}: {
  imp: Importer;
  name: (c: string) => string;
  year: number;
  source: string;
}) {
  const { t } = useT();
  const [ref, width] = useWidth<HTMLDivElement>();
  const partners = imp.partners ?? [];
  const top = partners.slice(0, TOP).filter((p) => (p.share ?? 0) >= MIN_SHARE);
  const rest = partners.slice(top.length).reduce((s, p) => s + (p.value_usd ?? 0), 0);
  const target = imp.country;
  const targetLabel = name(imp.country);
  const flows = [
    ...top
      .filter((p) => (p.value_usd ?? 0) > 0)
      .map((p) => ({
        source: p.country,
        sourceLabel: name(p.country),
        target,
        targetLabel,
        value: p.value_usd ?? 0,
      })),
    ...(rest > 0
      ? [
          {
            source: 'others',
            sourceLabel: t('common:country.others', { count: partners.length - top.length }),
            target,
            targetLabel,
            value: rest,
          },
        ]
      : []),
  ];
  const rows = partners.map((p) => ({ importer: imp.country, year, ...p }));
  const title = t('assess.importsTitle', { country: targetLabel, year });
  return (
    <Figure title={title} filename={`imports-${imp.country}-${year}`} rows={rows} source={source}>
      <div ref={ref}>
        {flows.length ? (
          <Sankey
            flows={flows}
            width={width}
            format={(v) => usd(v)}
            label={t('figure.chartName', { title })}
          />
        ) : (
          <p>{t('assess.noFlows')}</p>
        )}
      </div>
    </Figure>
  );
}

type View = NonNullable<Importer['dependence']>['shippedBy'];

/** One view's card: China's share, the top shares, tonnes and unit, coverage grade and reason, gaps. */
function ViewCard({ k, v, name }: { k: ViewKey; v: View; name: (c: string) => string }) {
  const tr = useT();
  const { t } = tr;
  return (
    <div class="card" data-testid={`view-${k}`}>
      <div class="sub">{t('assess.chinaIn', { view: viewName(tr, k) })}</div>
      <div class="big" data-testid={`view-china-${k}`}>
        {pct(v.china)}
      </div>
      {v.china === null ? (
        <div class="sub">{userText(v.reason)}</div>
      ) : (
        <div class="sub">
          {topShares(v)
            .map((s) => `${name(s.country)} ${pct(s.share)}`)
            .join(', ')}
        </div>
      )}
      <div class="sub">
        {t('assess.viewBasis', {
          tonnes: num(v.tonnes),
          unit: unitText(tr, v.basis.unit),
          codes: codesText(tr, v.basis.codes),
          years: yearsRange(v.basis.years),
        })}
      </div>
      <div class="sub">
        <span class={`tag${v.coverage.grade === 'D' ? ' warn' : ''}`}>
          {t('assess.coverageGrade', { grade: v.coverage.grade })}
        </span>{' '}
        {userText(v.coverage.reason)}
      </div>
      {v.unresolved > SHOWN_SHARE && (
        <div class="sub">{t('assess.viewUnresolved', { share: pct(v.unresolved) })}</div>
      )}
      {v.imputed > SHOWN_SHARE && <div class="sub">{t('assess.viewImputed', { share: pct(v.imputed) })}</div>}
    </div>
  );
}

/** The U.S.: every trade source side by side, the headline marked, the rule, and why the figures disagree. */
function TradeSources({ rec }: { rec: NonNullable<ReturnType<typeof sourcesOf>>['reconciliation'] }) {
  const tr = useT();
  const { t } = tr;
  if (!rec) return null;
  const rows = rec.figures.map((f, i) => ({
    id: i,
    headline: isHeadline(rec, f),
    source: sourceName(tr, f),
    china: f.china,
    unit: unitText(tr, f.unit),
    codes: codesText(tr, f.codes),
    years: yearsRange(f.years),
    coverage: f.chainCoverage,
    reason: userText(f.reason),
  }));
  return (
    <section data-testid="trade-sources">
      <h3>{t('assess.sourcesTitle')}</h3>
      <Table
        label={t('assess.sourcesTitle')}
        rows={rows as unknown as Record<string, unknown>[]}
        columns={[
          {
            key: 'source',
            label: t('common:word.source'),
            format: (r) =>
              r.headline ? (
                <strong>
                  {String(r.source)} <span class="tag">{t('assess.headline')}</span>
                </strong>
              ) : (
                String(r.source)
              ),
          },
          {
            key: 'china',
            label: t('assess.colChina'),
            numeric: true,
            format: (r) => pct(r.china as number | null),
          },
          { key: 'unit', label: t('assess.colUnit') },
          { key: 'codes', label: t('assess.colCodes') },
          { key: 'years', label: t('common:word.year') },
          {
            key: 'coverage',
            label: t('assess.colChainCoverage'),
            numeric: true,
            format: (r) => pct(r.coverage as number | null, 0),
          },
          { key: 'reason', label: t('assess.colWhy') },
        ]}
      />
      <p class="note">
        {t('assess.rule', { rule: tr.locale === 'en' ? rec.rule : t('common:dependence.rule') })}
      </p>
      {rec.disagreements.length > 0 && (
        <ul class="note">
          {rec.disagreements.map((d) => (
            <li key={`${d.a.source}${d.a.years.join()}${d.b.source}${d.b.years.join()}`}>
              {t('assess.disagreement', {
                a: `${sourceName(tr, d.a)} ${yearsRange(d.a.years)}`,
                b: `${sourceName(tr, d.b)} ${yearsRange(d.b.years)}`,
                gap: d.gapPoints === null ? '—' : num(d.gapPoints, 1),
                reason: userText(d.reason),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AssessView({
  a,
  country,
  name,
}: {
  a: AssessResult;
  country: string;
  name: (c: string) => string;
}) {
  const tr = useT();
  const { t, tOr } = tr;
  const imp = a.importers.find((i) => i.country === country);
  const tradeSource = t('assess.tradeSource', {
    codes:
      imp?.codes
        .filter((c) => c.loaded)
        .map((c) => c.hs6)
        .join(', ') || '—',
  });
  const dep = imp?.dependence ?? null;
  const views = VIEWS.map((k) => viewName(tr, k));
  const viewRows = a.importers
    .filter((i) => i.dependence)
    .flatMap((i) =>
      VIEWS.map((k, n) => ({
        importer: i.country,
        group: name(i.country),
        view: views[n],
        share: i.dependence?.[k].china ?? null,
        tonnes: i.dependence?.[k].tonnes ?? null,
        unit: i.dependence?.[k].basis.unit ?? null,
        coverage: i.dependence?.[k].coverage.grade ?? null,
      })),
    );
  const rec = sourcesOf(a, country)?.reconciliation ?? null;
  const trend = a.trends?.imports?.find((t) => t.country === country)?.series ?? [];
  const field = {
    shippedBy: 'shippedByChina',
    refinedIn: 'refinedInChina',
    minedIn: 'minedInChina',
  } as const;
  const trendRows = trend.flatMap((s) =>
    VIEWS.map((k, n) => ({ year: s.year, measure: views[n], value: s[field[k]] })),
  );
  const hhiRows = trend.map((s) => ({ year: s.year, importHhi: s.hhi }));
  const prodTrend = (a.trends?.production ?? []).flatMap((p) =>
    p.series.map((s) => ({ stage: p.stage, ...s })),
  );
  const hhiSeries = [
    ...hhiRows.map((r) => ({
      series: t('assess.seriesImports', { country: name(country) }),
      year: r.year,
      hhi: r.importHhi,
    })),
    ...prodTrend.map((p) => ({
      series: t('assess.seriesWorld', { stage: t(`common:stage.${p.stage}`) }),
      year: p.year,
      hhi: p.hhi,
    })),
  ];
  const risk = {
    eu: a.risk.euSR[country] as Scored | undefined,
    gpr: a.risk.geoPolRisk[country] as Scored | undefined,
    usgs: a.risk.usgsStyle[country] as Scored | undefined,
  };
  return (
    <>
      <h2>{t('assess.dependenceTitle', { country: name(country), year: a.year })}</h2>
      <div class="cards">
        {dep ? (
          VIEWS.map((k) => <ViewCard key={k} k={k} v={dep[k]} name={name} />)
        ) : (
          <div class="card">
            <div class="sub">{t('assess.chinaIn', { view: viewName(tr, 'shippedBy') })}</div>
            <div class="big" data-testid="view-china-shippedBy">
              {pct(null)}
            </div>
            <div class="sub">{userText(imp?.reason)}</div>
          </div>
        )}
        <div class="card">
          <div class="sub">{t('common:term.netImportReliance')}</div>
          <div class="big" data-testid="nir">
            {imp ? nirValue(tr, imp.netImportReliance) : '—'}
          </div>
          <div class="sub">
            {imp?.netImportReliance.value === null && imp.netImportReliance.code !== 'E'
              ? userText(imp.netImportReliance.reason)
              : t('assess.nirSource', { source: userText(imp?.netImportReliance.source) })}
          </div>
        </div>
        <div class="card">
          <div class="sub">{t('assess.euSr')}</div>
          <div class="big">{num(risk.eu?.sr ?? null, 2)}</div>
          <div class="sub">
            {risk.eu?.publishedEu2023 != null
              ? t('assess.euPublished', { value: num(risk.eu.publishedEu2023, 1) })
              : userText(risk.eu?.reason)}
          </div>
        </div>
        <div class="card">
          <div class="sub">{t('assess.gprUsgs')}</div>
          <div class="big">
            {num(risk.gpr?.score ?? null, 2)} · {num(risk.usgs?.score ?? null, 2)}
          </div>
          <div class="sub">
            {userText(risk.gpr?.reason ?? risk.usgs?.reason) || t('assess.gprUsgsMethods')}
          </div>
        </div>
      </div>
      <div class="grid">
        {imp?.partners?.length ? (
          <ImportsSankey imp={imp} name={name} year={a.year} source={tradeSource} />
        ) : null}
        {viewRows.some((r) => r.share !== null) && (
          <Figure
            title={t('assess.viewsTitle', { year: a.year })}
            filename={`views-${a.mineral}-${a.year}`}
            rows={viewRows}
            source={tradeSource}
            draw={(width) => viewBars(viewRows, { width, label: t('assess.chinaShare'), views })}
            note={t('assess.viewsNote')}
          />
        )}
        {trend.length > 0 && (
          <Figure
            title={t('assess.trendTitle', {
              country: name(country),
              from: trend[0].year,
              to: trend.at(-1)?.year,
            })}
            filename={`trend-${a.mineral}-${country}`}
            rows={trend}
            source={tradeSource}
            draw={(width) => shareTrend(trendRows, { width, label: t('assess.chinaShare') })}
            note={t('assess.trendNote')}
          />
        )}
        {hhiRows.length > 0 && (
          <Figure
            title={t('assess.hhiTitle')}
            filename={`hhi-${a.mineral}-${country}`}
            rows={hhiSeries}
            source={t('assess.hhiSource', { trade: tradeSource })}
            draw={(width) => hhiTrend(hhiSeries, { width, yLabel: t('common:unit.hhiScale') })}
            note={t('assess.hhiNote')}
          />
        )}
      </div>
      {rec && <TradeSources rec={rec} />}
      {a.exportControls.length > 0 && (
        <>
          <h2>{t('assess.exportControlsTitle', { mineral: t(`common:mineral.${a.mineral}`) })}</h2>
          <Table
            label={t('assess.exportControlsTitle', { mineral: t(`common:mineral.${a.mineral}`) })}
            rows={a.exportControls as unknown as Record<string, unknown>[]}
            columns={[
              { key: 'imposer', label: t('assess.colImposer'), format: (r) => name(String(r.imposer)) },
              {
                key: 'type',
                label: t('assess.colType'),
                format: (r) => tOr(`assess.controlType.${r.type}`, String(r.type)),
              },
              { key: 'effective', label: t('assess.colEffective') },
              {
                key: 'stateAtYearEnd',
                label: t('assess.colStateEnd', { year: a.year }),
                format: (r) => tOr(`assess.state.${r.stateAtYearEnd}`, String(r.stateAtYearEnd)),
              },
              {
                key: 'targets',
                label: t('assess.colTargets'),
                format: (r) =>
                  Array.isArray(r.targets)
                    ? r.targets.map((c) => name(String(c))).join(', ')
                    : t('assess.allTargets'),
              },
              {
                key: 'source',
                label: t('common:word.source'),
                format: (r) => (r.source as { title: string }).title,
              },
            ]}
          />
        </>
      )}
      <Gaps
        gaps={a.gaps.map((g) => ({
          what: tOr(`assess.gapTopic.${g.topic}`, g.topic),
          reason: g.detail,
        }))}
      />
    </>
  );
}
