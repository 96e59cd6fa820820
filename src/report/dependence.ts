// The three views of an importer's dependence (shipped by, refined in, mined in), its net import reliance and,
// for the United States, every trade source side by side, in the reader's language: the one set of words and
// rows the CLI, the briefings, the API's CSV and the web pages all print from the assessment's result object
// (src/model/results/assess.ts). Pure: a Translator in, strings and plain rows out; no I/O. Keys live in
// common:dependence.* so every face (whose translators all read common) finds them.
import { type Reconciliation, type SourceFigure, yearsText } from '../analysis/supply-chain/reconcile.ts';
import type { Translator } from '../i18n/core.ts';
import type { DependenceView } from '../model/results/assess.ts';

export const VIEWS = ['shippedBy', 'refinedIn', 'minedIn'] as const;
export type ViewKey = (typeof VIEWS)[number];

/** A share below this (half a tenth of a percent) prints as 0.0%: unresolved or imputed parts under it are float noise. */
export const SHOWN_SHARE = 0.0005;
/** A view whose largest share is at least this is "mostly" that country's. */
const MOSTLY = 0.5;

export interface ImporterLike {
  country: string;
  dependence: { shippedBy: DependenceView; refinedIn: DependenceView; minedIn: DependenceView } | null;
  netImportReliance: { value: number | null; code?: string; reason?: string; source: string };
  reason?: string | null;
}

export interface ChinaCustoms {
  figure: SourceFigure | null;
  baci: SourceFigure | null;
  comparison: unknown;
  reason?: string | null;
}
export interface TradeSources {
  reconciliation: Reconciliation | null;
  chinaCustoms: ChinaCustoms | null;
}

/** `result.sources[country]` typed (the service declares it as unknown values). */
export function sourcesOf(r: { sources?: Record<string, unknown> }, country: string): TradeSources | null {
  return (r.sources?.[country] as TradeSources | undefined) ?? null;
}

export const viewName = (tr: Translator, v: ViewKey) => tr.t(`common:dependence.view.${v}`);

/** The n largest shares (as given: largest first). */
export const topShares = (v: DependenceView, n = 3) => v.shares.filter((s) => s.share > 0).slice(0, n);

/** "1 of 5 codes", from the coverage's own lists. */
export function coverageCount(tr: Translator, v: DependenceView): string {
  const c = v.coverage;
  return tr.t('common:dependence.coverageCount', {
    loaded: c.codesLoaded.length,
    total: c.codesLoaded.length + c.codesMissing.length,
  });
}

/** "coverage D: 1 of 5 codes". */
export const coverageShort = (tr: Translator, v: DependenceView) =>
  tr.t('common:dependence.coverage', { grade: v.coverage.grade, codes: coverageCount(tr, v) });

/** Unit of a view or source figure in the reader's language ('t contained', 'USD', …; unknown as given). */
export function unitText(tr: Translator, unit: string): string {
  const key = unit
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return tr.tOr(`common:dependence.unit.${key}`, unit);
}

/** Codes of a view or figure: HS6 codes, HTS4 headings or 'all forms'. */
export const codesText = (tr: Translator, codes: readonly string[]) =>
  codes.length === 0
    ? tr.t('common:word.none')
    : codes.map((c) => (c === 'all forms' ? tr.t('common:dependence.allForms') : c)).join(', ');

/** "China 70.4%, Finland 12.5%, Namibia 5.3%". */
export const topText = (tr: Translator, v: DependenceView, n = 3, digits = 1) =>
  topShares(v, n)
    .map((s) => `${tr.country(s.country)} ${tr.pct(s.share, digits)}`)
    .join(', ') || '—';

/**
 * One view in a phrase a minister reads: "shipped mostly by China (70%)", "mined mostly in DR Congo (81%;
 * 82% of this view imputed from world mine shares)", "shipped by Finland first (69%; China 4%)"; or
 * "mined in: not known (reason)".
 */
export function viewPhrase(tr: Translator, key: ViewKey, v: DependenceView): string {
  const { t } = tr;
  const top = topShares(v, 1)[0];
  if (v.china === null || !top)
    return t('common:dependence.phrase.unknown', {
      view: viewName(tr, key),
      reason: v.reason ?? t('common:reason.insufficient_data'),
    });
  const notes: string[] = [];
  if (top.country !== 'CHN')
    notes.push(t('common:dependence.phrase.china', { share: tr.pct(v.china, v.china < 0.1 ? 1 : 0) }));
  if (v.imputed > SHOWN_SHARE)
    notes.push(t('common:dependence.phrase.imputed', { share: tr.pct(v.imputed, 0) }));
  if (v.unresolved > SHOWN_SHARE)
    notes.push(t('common:dependence.phrase.unresolved', { share: tr.pct(v.unresolved, 0) }));
  const share = [tr.pct(top.share, 0), ...notes].join(t('common:dependence.phrase.sep'));
  return t(`common:dependence.phrase.${key}.${top.share >= MOSTLY ? 'mostly' : 'first'}`, {
    country: tr.country(top.country),
    share,
  });
}

/** A mineral's name inside a sentence (English writes it lower case: "contained cobalt"). */
const mineralInText = (tr: Translator, mineral: string) =>
  tr.locale === 'en' ? tr.mineral(mineral).toLowerCase() : tr.mineral(mineral);

/** "Korea's", "the United States'": the owner of the mineral in a sentence. */
const whose = (tr: Translator, country: string) =>
  tr.t('common:dependence.whose', { country: tr.country(country) }).replace(/s's$/, "s'");

/** "2,968 t of contained cobalt in HS 282200 (coverage D: 1 of 5 codes)". */
export function basisPhrase(tr: Translator, mineral: string, v: DependenceView): string {
  const codes = codesText(tr, v.basis.codes);
  const coverage = coverageShort(tr, v);
  return v.tonnes !== null && v.basis.unit === 't contained'
    ? tr.t('common:dependence.basis.tonnes', {
        tonnes: tr.num(v.tonnes, 0),
        mineral: mineralInText(tr, mineral),
        codes,
        coverage,
      })
    : tr.t('common:dependence.basis.other', { unit: unitText(tr, v.basis.unit), codes, coverage });
}

/**
 * The bottom line for one importer: "Korea's cobalt: shipped mostly by China (70%), refined mostly in China
 * (70%), mined mostly in DR Congo (81%; 82% of this view imputed from world mine shares) — 2,968 t of contained
 * cobalt in HS 282200 (coverage D: 1 of 5 codes)". Without any view, the reason.
 */
export function dependenceSentence(tr: Translator, mineral: string, imp: ImporterLike): string {
  const { t } = tr;
  const d = imp.dependence;
  const known = d && VIEWS.some((k) => d[k].china !== null);
  if (!d || !known)
    return t('common:dependence.sentenceNone', {
      whose: whose(tr, imp.country),
      mineral: mineralInText(tr, mineral),
      reason: d?.shippedBy.reason ?? imp.reason ?? t('common:reason.insufficient_data'),
    });
  return t('common:dependence.sentence', {
    whose: whose(tr, imp.country),
    mineral: mineralInText(tr, mineral),
    views: VIEWS.map((k) => viewPhrase(tr, k, d[k])).join(t('common:dependence.viewSep')),
    basis: basisPhrase(tr, mineral, d.shippedBy),
  });
}

/** Net import reliance: "74%", ">50%", "net exporter", or "—" (the reason comes separately). */
export function nirValue(tr: Translator, nir: ImporterLike['netImportReliance']): string {
  if (nir.code === 'E') return tr.t('common:usgs.E');
  if (nir.value === null) return '—';
  return `${nir.code === '>' || nir.code === '<' ? nir.code : ''}${tr.pct(nir.value, 0)}`;
}

/** "74% (USGS MCS 2026 (as published))" or "— (reason)". */
export function nirText(tr: Translator, nir: ImporterLike['netImportReliance']): string {
  const v = nirValue(tr, nir);
  if (v === '—') return `— (${nir.reason ?? tr.t('common:reason.insufficient_data')})`;
  return nir.source && nir.source !== 'none' ? `${v} (${nir.source})` : v;
}

/** One row per view, for tables: the view, China's share, top 3, tonnes, unit, codes, years, coverage. */
export function viewRows(tr: Translator, d: NonNullable<ImporterLike['dependence']>) {
  return VIEWS.map((k) => {
    const v = d[k];
    return {
      key: k,
      view: viewName(tr, k),
      china:
        v.china === null ? `— (${v.reason ?? tr.t('common:reason.insufficient_data')})` : tr.pct(v.china),
      top: topText(tr, v),
      tonnes: v.tonnes === null ? '—' : tr.num(v.tonnes, 0),
      unit: unitText(tr, v.basis.unit),
      codes: codesText(tr, v.basis.codes),
      years: v.basis.years.join(', ') || '—',
      coverage: `${v.coverage.grade} (${v.coverage.reason})`,
      unresolved: v.unresolved > SHOWN_SHARE ? tr.pct(v.unresolved) : '',
      imputed: v.imputed > SHOWN_SHARE ? tr.pct(v.imputed) : '',
      note: v.basis.note ?? '',
    };
  });
}

/** Name of a trade source in the reader's language. */
export const sourceName = (tr: Translator, f: SourceFigure) =>
  tr.tOr(`common:dependence.source.${f.source}`, f.source);

/** Years as ranges: 2021–2024 (a dash when none). */
export const yearsRange = (years: readonly number[]): string => (years.length ? yearsText(years) : '—');

/** Whether a figure is the headline (by content: a result read from JSON has no shared objects). */
export const isHeadline = (rec: Reconciliation, f: SourceFigure) =>
  rec.headline !== null &&
  rec.headline.source === f.source &&
  rec.headline.china === f.china &&
  rec.headline.years.join() === f.years.join() &&
  rec.headline.codes.join() === f.codes.join();

/** One row per source figure, the headline first and marked. */
export function sourceRows(tr: Translator, rec: Reconciliation) {
  return rec.figures.map((f) => ({
    headline: isHeadline(rec, f),
    source: sourceName(tr, f),
    china:
      f.china === null
        ? f.quantity
          ? tr.t('common:dependence.flow', {
              exporter: tr.country(f.quantity.exporter),
              tonnes: tr.num(f.quantity.tonnes, 0),
            })
          : '—'
        : tr.pct(f.china),
    unit: unitText(tr, f.unit),
    codes: codesText(tr, f.codes),
    years: yearsRange(f.years),
    coverage: f.chainCoverage === null ? '—' : tr.pct(f.chainCoverage, 0),
    reason: f.reason ?? '',
  }));
}

/** The rule that picks the headline, in the reader's language (English as the service states it). */
export const ruleText = (tr: Translator, rec: Reconciliation) =>
  tr.locale === 'en' ? rec.rule : tr.t('common:dependence.rule');

/** "USGS import sources 2021–2024: China 26.0%", the headline in a phrase. */
export function headlinePhrase(tr: Translator, rec: Reconciliation): string | null {
  const h = rec.headline;
  if (!h || h.china === null) return null;
  return tr.t('common:dependence.headline', {
    source: sourceName(tr, h),
    years: yearsRange(h.years),
    china: tr.pct(h.china, h.china < 0.1 ? 1 : 0),
    unit: unitText(tr, h.unit),
    codes: codesText(tr, h.codes),
  });
}

/** Rows of the API's CSV: one per importer × view × country share. */
export function viewCsvRows(r: { mineral: string; year: number; importers: ImporterLike[] }) {
  const rows: Record<string, unknown>[] = [];
  for (const imp of r.importers) {
    const d = imp.dependence;
    if (!d) continue;
    for (const k of VIEWS) {
      const v = d[k];
      const base = {
        mineral: r.mineral,
        year: r.year,
        importer: imp.country,
        view: k,
      };
      const tail = {
        tonnes: v.tonnes,
        unit: v.basis.unit,
        codes: v.basis.codes.join(' '),
        coverage_grade: v.coverage.grade,
      };
      if (!v.shares.length) rows.push({ ...base, country: '', share: null, ...tail });
      for (const s of v.shares) rows.push({ ...base, country: s.country, share: s.share, ...tail });
    }
  }
  return rows;
}
