// The model's vocabulary written into the database, so that SQL can join on it.
import { COUNTRIES } from '../model/countries.ts';
import { MINERALS } from '../model/minerals.ts';
import type { Db } from './db.ts';

export async function writeStaticTables(db: Db): Promise<void> {
  const c = await db.conn.createAppender('countries');
  for (const x of COUNTRIES) {
    c.appendVarchar(x.iso3);
    x.iso2 ? c.appendVarchar(x.iso2) : c.appendNull();
    x.isoNumeric === null ? c.appendNull() : c.appendInteger(x.isoNumeric);
    c.appendVarchar(x.name);
    c.appendVarchar(x.region);
    c.appendVarchar(x.subregion);
    x.cowCode === null ? c.appendNull() : c.appendInteger(x.cowCode);
    c.appendVarchar(x.wgiCode);
    c.endRow();
  }
  c.closeSync();
  const m = await db.conn.createAppender('minerals');
  const h = await db.conn.createAppender('hs_codes');
  for (const x of MINERALS) {
    m.appendVarchar(x.id);
    m.appendVarchar(x.name);
    m.appendVarchar(x.tier);
    m.endRow();
    for (const code of x.hs) {
      h.appendVarchar(code.hs6);
      h.appendVarchar(x.id);
      h.appendVarchar(code.stage);
      h.appendVarchar(code.description);
      h.appendVarchar(code.sharedWith.join(';'));
      h.appendBoolean(code.inBaci);
      h.endRow();
    }
  }
  m.closeSync();
  h.closeSync();
}
