// A plain, accessible table of rows with named, formatted columns. Wide tables scroll inside their own
// region, which is focusable (keyboard users can scroll it) and named after the table.
import type { ComponentChildren } from 'preact';
import { useT } from '../i18n.tsx';

export interface Column<R> {
  key: string;
  label: string;
  format?: (row: R) => ComponentChildren;
  numeric?: boolean;
}

export function Table<R extends Record<string, unknown>>({
  rows,
  columns,
  caption,
  label,
}: {
  rows: R[];
  columns: Column<R>[];
  caption?: string;
  /** Accessible name of the scrolling region when there is no caption. */
  label?: string;
}) {
  const { t } = useT();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" tabIndex={0} aria-label={caption ?? label ?? t('table.label')}>
      <table>
        {caption && <caption>{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} class={c.numeric ? 'num' : undefined}>
                  {c.format
                    ? c.format(r)
                    : r[c.key] === null || r[c.key] === undefined
                      ? '—'
                      : String(r[c.key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
