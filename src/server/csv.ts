// A result's table as CSV: one column per key (in first-seen order); nested values as JSON, null as empty.
import { stringify } from 'csv-stringify/sync';
import type { Row } from './endpoint.ts';

export function rowsToCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return stringify(rows, {
    header: true,
    columns,
    cast: { boolean: (b) => String(b), object: (o) => JSON.stringify(o) },
  });
}
