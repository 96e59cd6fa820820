// A plain, accessible table of rows with named, formatted columns.
import type { ComponentChildren } from 'preact';

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
}: {
  rows: R[];
  columns: Column<R>[];
  caption?: string;
}) {
  return (
    <div class="table-wrap">
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
    </div>
  );
}
