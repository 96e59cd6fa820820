// Stockpile facts for the scenarios (scenario-stocks.yaml): per country and mineral, the best cited estimate of
// actual holdings and the policy target, validated by zod at load time. The most specific entry wins: one that
// names the mineral before one for [all].
import { z } from 'zod';
import {
  CatalogIso3,
  CatalogMineral,
  CatalogSource,
  parseCatalogList,
  readCatalogYaml,
} from './scenario-catalog.ts';

const Level = z
  .object({
    days: z.number().min(0).nullable().optional(),
    /** Read the holdings from the USGS salient stocks in the database (U.S.). */
    salient: z.boolean().optional(),
    asOf: z.string().optional(),
    reason: z.string().optional(),
    note: z.string().optional(),
    assumption: z.boolean().default(false),
    source: CatalogSource,
  })
  .refine((l) => l.salient === true || l.days !== undefined, {
    message: 'give days (a number, or null with a reason) or salient: true',
  })
  .refine((l) => l.days !== null || l.reason !== undefined, {
    message: 'a null days needs a reason',
    path: ['reason'],
  });
export type StockLevel = z.infer<typeof Level>;

export const StockEntrySchema = z.object({
  country: CatalogIso3,
  holder: z.string().min(1),
  minerals: z.array(z.union([z.literal('all'), CatalogMineral])).min(1),
  actual: Level,
  target: Level,
});
export type StockEntry = z.infer<typeof StockEntrySchema>;

export function parseStockCatalog(raw: unknown, file = 'scenario-stocks.yaml'): StockEntry[] {
  return parseCatalogList(raw, StockEntrySchema, file, (e) => `${String(e.country)} ${String(e.holder)}`);
}

export const STOCK_CATALOG: readonly StockEntry[] = parseStockCatalog(
  readCatalogYaml(new URL('./scenario-stocks.yaml', import.meta.url)),
);

/** The entry for a country and mineral: one naming the mineral first, else one for all; undefined if none. */
export function stockEntryFor(
  country: string,
  mineral: string,
  catalog: readonly StockEntry[] = STOCK_CATALOG,
): StockEntry | undefined {
  const own = catalog.filter((e) => e.country === country);
  return own.find((e) => e.minerals.includes(mineral)) ?? own.find((e) => e.minerals.includes('all'));
}
