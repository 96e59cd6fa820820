// Shared plumbing for the political importer tests: collecting an importer's output, and loading a bad
// fixture through loadFile to prove it fails with file:line and leaves the database as it was.
import { join } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from '../../src/model/errors.ts';
import type { Importer, ParsedItem, Row } from '../../src/sources/types.ts';
import type { Db } from '../../src/store/db.ts';
import { loadFile } from '../../src/store/load.ts';
import { tableCounts } from '../helpers.ts';

export const FIX = join(import.meta.dirname, '..', 'fixtures', 'politics');

export interface Collected {
  rows: { table: string; line: number; row: Row }[];
  errors: string[];
}

export async function collect(items: AsyncIterable<ParsedItem>): Promise<Collected> {
  const out: Collected = { rows: [], errors: [] };
  for await (const it of items) {
    if ('error' in it)
      out.errors.push(
        `${it.error.file}:${it.error.line}${it.error.field ? ` [${it.error.field}]` : ''}: ${it.error.message}`,
      );
    else out.rows.push(it);
  }
  return out;
}

/** Loads `file` (under the fixtures folder) and expects an ImportError naming `where` (file:line). */
export async function expectRejected(
  db: Db,
  importer: Importer,
  file: string,
  where: string,
  message: RegExp,
) {
  const before = await tableCounts(db);
  const err = await loadFile(db, importer, join(FIX, file), { label: file }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportError);
  expect((err as ImportError).message).toContain(where);
  expect((err as ImportError).message).toMatch(message);
  expect(await tableCounts(db)).toEqual(before);
}

/** Counts of each value of key(x). */
export function countBy<T>(xs: Iterable<T>, key: (x: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
}
