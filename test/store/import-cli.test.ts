import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Db } from '../../src/store/db.ts';
import { cli, scratchDb, tableCounts } from '../helpers.ts';

const FIX = join(import.meta.dirname, '..', 'fixtures', 'usgs');

describe('minsec data import', () => {
  it('loads a good file, then rejects a bad one with file:line and leaves the database as it was', async () => {
    const { db, path } = await scratchDb();
    db.close();
    const ok = cli(['data', 'import', 'usgs-mcs', join(FIX, 'mcs2026-small.csv')], { db: path });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/Loaded mcs2026-small\.csv as source \d+: 4 rows/);

    const before = await Db.open(path, { readOnly: true }).then(
      async (d) => [await tableCounts(d), d.close()][0],
    );
    const bad = cli(['data', 'import', 'usgs-mcs', join(FIX, 'mcs2026-unknown-country.csv')], { db: path });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(
      /mcs2026-unknown-country\.csv:3 \[country\]: unknown producer country "Atlantis" \(fix: /,
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    const after = await Db.open(path, { readOnly: true }).then(
      async (d) => [await tableCounts(d), d.close()][0],
    );
    expect(after).toEqual(before);
  });

  it('unknown kind: exit 2 naming the valid kinds', async () => {
    const { db, path } = await scratchDb();
    db.close();
    const r = cli(['data', 'import', 'usgs', join(FIX, 'mcs2026-small.csv')], { db: path });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown import kind "usgs".*usgs-mcs/);
  });
});
