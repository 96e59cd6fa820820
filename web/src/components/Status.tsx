// Loading and error states shared by every page.
import type { ComponentChildren } from 'preact';
import { ApiFailure, type Loaded } from '../api.ts';

export function Failure({ error }: { error: Error }) {
  return (
    <div class="error" role="alert">
      <strong>Could not load:</strong> {error.message}
      {error instanceof ApiFailure && error.hint && <div class="hint">{error.hint}</div>}
    </div>
  );
}

/** Renders children(data) once loaded; a spinner line before, the API's message on failure. */
export function Await<T>({
  state,
  children,
}: {
  state: Loaded<T>;
  children: (data: T) => ComponentChildren;
}) {
  if (state.error) return <Failure error={state.error} />;
  if (state.loading || state.data === undefined) return <p class="loading">Loading…</p>;
  return <>{children(state.data)}</>;
}

/** Gaps listed before the rest fold away under "N more". */
const GAPS_SHOWN = 12;

/** Data gaps, always visible: what is missing and why (never shown as zero). */
export function Gaps({
  gaps,
  title = 'Data gaps',
}: {
  gaps: { what: string; reason: string }[];
  title?: string;
}) {
  if (!gaps.length) return null;
  const item = (g: { what: string; reason: string }) => (
    <li key={`${g.what}:${g.reason}`}>
      <strong>{g.what}</strong>: {g.reason}
    </li>
  );
  return (
    <section class="gaps" aria-label={title}>
      <h3>
        {title} ({gaps.length})
      </h3>
      <ul>{gaps.slice(0, GAPS_SHOWN).map(item)}</ul>
      {gaps.length > GAPS_SHOWN && (
        <details>
          <summary>{gaps.length - GAPS_SHOWN} more</summary>
          <ul>{gaps.slice(GAPS_SHOWN).map(item)}</ul>
        </details>
      )}
    </section>
  );
}
