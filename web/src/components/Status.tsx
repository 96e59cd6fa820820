// Loading, failure, empty and gap states shared by every page. Loading and failures are announced through the
// live region; a server that does not answer says so and offers a retry; a view the data cannot fill is a gap
// panel that gives the reason, never an error box or empty axes.
import type { ComponentChildren } from 'preact';
import { useEffect, useId } from 'preact/hooks';
import { announce } from '../a11y.ts';
import { ApiFailure, type Loaded } from '../api.ts';
import { useT } from '../i18n.tsx';
import { userText } from '../text.ts';

export function Failure({ error, retry }: { error: Error; retry?: () => void }) {
  const { t } = useT();
  const down = error instanceof ApiFailure && error.unreachable;
  useEffect(() => announce(down ? t('status.serverDown') : t('status.failed')), [error]);
  return (
    <div class="error" role="alert">
      {down ? (
        <strong>{t('status.serverDown')}</strong>
      ) : (
        <>
          <strong>{t('status.failed')}</strong> {userText(error.message)}
        </>
      )}
      {!down && error instanceof ApiFailure && error.hint && <div class="hint">{userText(error.hint)}</div>}
      {retry && (
        <div>
          <button type="button" class="secondary" onClick={retry}>
            {t('status.retry')}
          </button>
        </div>
      )}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useT();
  const text = label ?? t('status.loading');
  useEffect(() => announce(text), [text]);
  return <p class="loading">{text}</p>;
}

/** A view the data cannot fill: what is missing and why (shown instead of a chart or numbers). */
export function GapPanel({ title, reason }: { title: string; reason: ComponentChildren }) {
  const { t } = useT();
  const id = useId();
  // Not a heading: the panel stands where a chart or figures would, inside the page's own section headings.
  return (
    <section class="gap-panel" aria-labelledby={id}>
      <div class="panel-title" id={id}>
        <span class="tag warn">{t('gaps.dataGap')}</span> {title}
      </div>
      <p>{reason}</p>
    </section>
  );
}

/**
 * Renders children(data) once loaded; a loading line before, the API's message on failure. With `gap`, an
 * API answer "no such data" (404) is a data gap and shows as a gap panel with the API's reason.
 */
export function Await<T>({
  state,
  children,
  gap,
}: {
  state: Loaded<T>;
  children: (data: T) => ComponentChildren;
  /** Title of the gap panel shown when the API has no data for the request. */
  gap?: string;
}) {
  if (state.error) {
    if (gap && state.error instanceof ApiFailure && state.error.notFound)
      return <GapPanel title={gap} reason={userText(state.error.message)} />;
    return <Failure error={state.error} retry={state.retry} />;
  }
  if (state.loading || state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}

/** Gaps listed before the rest fold away under "N more". */
const GAPS_SHOWN = 12;

/** Data gaps, always visible: what is missing and why (never shown as zero). */
export function Gaps({ gaps, title }: { gaps: { what: string; reason: string }[]; title?: string }) {
  const { t } = useT();
  if (!gaps.length) return null;
  const heading = title ?? t('gaps.title');
  const item = (g: { what: string; reason: string }) => (
    <li key={`${g.what}:${g.reason}`}>
      <strong>{userText(g.what)}</strong>: {userText(g.reason)}
    </li>
  );
  return (
    <section class="gaps" aria-label={heading}>
      <div class="panel-title">{t('gaps.titleCount', { title: heading, count: gaps.length })}</div>
      <ul>{gaps.slice(0, GAPS_SHOWN).map(item)}</ul>
      {gaps.length > GAPS_SHOWN && (
        <details>
          <summary>{t('gaps.more', { count: gaps.length - GAPS_SHOWN })}</summary>
          <ul>{gaps.slice(GAPS_SHOWN).map(item)}</ul>
        </details>
      )}
    </section>
  );
}
