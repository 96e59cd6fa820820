// The trio catalog validates at load time; bad entries fail with a clear error naming file, entry and field.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCooperationCatalog, validateCooperation } from '../../src/catalog/cooperation.ts';
import { CatalogError, loadTrioCatalog, validateEntries } from '../../src/catalog/trio.ts';
import { PROJECT_ROOT } from '../../src/model/paths.ts';

const FIX = join(PROJECT_ROOT, 'test', 'fixtures', 'netassess');

function catalogError(fn: () => unknown): CatalogError {
  try {
    fn();
  } catch (e) {
    if (e instanceof CatalogError) return e;
    throw e;
  }
  throw new Error('expected a CatalogError');
}

describe('trio catalog', () => {
  const entries = loadTrioCatalog();

  it('has at least 12 cited entries per country, with organizations, laws or strategies, and financial mechanisms', () => {
    for (const country of ['KOR', 'JPN', 'USA']) {
      const own = entries.filter((e) => e.country === country);
      expect(own.length).toBeGreaterThanOrEqual(12);
      for (const kind of ['organization', 'financial'] as const)
        expect(own.some((e) => e.kind === kind)).toBe(true);
      expect(own.some((e) => e.kind === 'law' || e.kind === 'strategy')).toBe(true);
      for (const e of own) {
        expect(e.source.url).toMatch(/^https?:\/\//);
        expect(e.source.date).toMatch(/^\d{4}/);
        expect(Object.keys(e.status).length).toBeGreaterThan(0);
      }
    }
  });

  it("names the issue's key institutions and laws", () => {
    const ids = new Set(entries.map((e) => e.id));
    for (const id of [
      'kor-framework-act',
      'kor-supply-chain-fund',
      'jpn-jogmec',
      'jpn-espa',
      'usa-dpa-title3',
      'usa-dla-nds',
      'usa-ndis-2024',
    ])
      expect(ids.has(id)).toBe(true);
  });

  it('loads a directory given as argument', () => {
    const fixture = loadTrioCatalog(join(FIX, 'valid'));
    expect(fixture.map((e) => e.id).sort()).toEqual([
      't-jpn-equity',
      't-jpn-stockpile',
      't-kor-fund',
      't-usa-plan',
    ]);
  });

  it('rejects an entry without a source, naming file, entry and field', () => {
    const err = catalogError(() => loadTrioCatalog(join(FIX, 'missing-source')));
    expect(err.issues).toEqual([
      expect.objectContaining({ file: 'kor.yaml', entryId: 't-kor-nosource', field: 'source' }),
    ]);
    expect(err.message).toContain('kor.yaml: entry "t-kor-nosource" [source]: missing (required)');
  });

  it('rejects an unknown stage with the valid choices and the closest one', () => {
    const err = catalogError(() => loadTrioCatalog(join(FIX, 'unknown-stage')));
    expect(err.issues[0]).toMatchObject({ file: 'kor.yaml', entryId: 't-kor-badstage', field: 'stages.0' });
    expect(err.message).toContain('unknown stage "stockpilling"');
    expect(err.message).toContain('did you mean "stockpiling"');
  });

  it('rejects an unknown instrument type', () => {
    const err = catalogError(() => loadTrioCatalog(join(FIX, 'unknown-instrument')));
    expect(err.issues[0]).toMatchObject({ entryId: 't-kor-badtype', field: 'instrumentTypes.0' });
    expect(err.message).toContain('unknown instrument type "swap-line"');
  });

  it('rejects keys the schema does not know (e.g. a title split by an unquoted comma) and duplicate ids', () => {
    const base = loadTrioCatalog(join(FIX, 'valid'))[0];
    const broken = { ...base, source: { ...base.source, 'Gas and Metals': null } };
    expect(catalogError(() => validateEntries([{ file: 'x.yaml', entries: [broken] }])).issues[0].field).toBe(
      'source',
    );
    const dup = catalogError(() => validateEntries([{ file: 'x.yaml', entries: [base, base] }]));
    expect(dup.issues[0]).toMatchObject({ entryId: base.id, field: 'id' });
  });
});

describe('cooperation catalog', () => {
  const options = loadCooperationCatalog();

  it("covers the issue's opportunities and barriers, each cited", () => {
    const opp = options.filter((o) => o.kind === 'opportunity');
    const bar = options.filter((o) => o.kind === 'barrier');
    expect(opp.length).toBeGreaterThanOrEqual(10);
    expect(bar.length).toBeGreaterThanOrEqual(7);
    for (const o of options) expect(o.sources.length).toBeGreaterThan(0);
  });

  it('rejects an opportunity blocked by an unknown barrier', () => {
    const opp = options.find((o) => o.kind === 'opportunity');
    const err = catalogError(() => validateCooperation('c.yaml', [{ ...opp, blockedBy: ['bar-nope'] }]));
    expect(err.issues[0]).toMatchObject({ field: 'blockedBy', message: 'unknown barrier "bar-nope"' });
  });
});
