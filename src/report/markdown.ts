// Markdown rendering shared by every face that writes Markdown (the CLI's --md and text output, the briefs):
// tables, with cells escaped so that a value never breaks the table, and an em dash for a missing value.

/** A table cell: `—` for null/undefined (a gap, never a zero), pipes escaped, line breaks folded. */
export const mdCell = (v: unknown): string =>
  v === null || v === undefined ? '—' : String(v).replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** A Markdown table from rows (columns in order of the first row's keys, or as given). */
export function mdTable(rows: Record<string, unknown>[], columns?: string[]): string {
  if (!rows.length) return '_no rows_\n';
  const cols = columns ?? Object.keys(rows[0]);
  return `${[
    `| ${cols.map(mdCell).join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => mdCell(r[c])).join(' | ')} |`),
  ].join('\n')}\n`;
}
