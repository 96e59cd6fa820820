// Stage facts for partner candidates that the USGS tables do not carry (partner-capacity.yaml), validated by zod,
// and the by-product host industries through which a country can supply a mineral it does not mine directly.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { countryByIso3 } from '../model/countries.ts';
import { MINERALS } from '../model/minerals.ts';
import { parseCatalogList } from './catalog-file.ts';
import { Verification } from './sanctions.ts';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date YYYY-MM-DD (quote it in YAML)');
const Iso3 = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO3 code such as DEU')
  .refine((c) => countryByIso3(c) !== undefined, { message: 'not a known ISO3 country code' });
const mineralIds = new Set(MINERALS.map((m) => m.id));
const SourceSchema = z.object({ title: z.string().min(1), url: z.string().url(), date: IsoDate });

export const CapacityFactSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    mineral: z.string().refine((m) => mineralIds.has(m), { message: 'not a model mineral id' }),
    stage: z.enum(['refining', 'recycling']),
    kind: z.enum(['capacity', 'share']),
    countries: z.array(Iso3).min(1),
    shares: z.array(z.number().gt(0).lte(1)).optional(),
    quantity: z
      .object({
        value: z.number().positive(),
        unit: z.string().min(1),
        year: z.number().int(),
        basis: z.string(),
        /** Tonnes of contained metal a year: comparable with world mine production (its share is computed). */
        contained: z.boolean().default(false),
      })
      .nullable(),
    secondary: z.boolean(),
    summary: z.string().min(1),
    source: SourceSchema,
    alsoSee: z.array(SourceSchema).default([]),
    verification: Verification,
    checked: z.string().min(1),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'share' && f.shares?.length !== f.countries.length)
      ctx.addIssue({
        code: 'custom',
        path: ['shares'],
        message: 'a share entry gives one share per country',
      });
    if (f.kind === 'capacity' && f.shares)
      ctx.addIssue({ code: 'custom', path: ['shares'], message: 'a capacity entry gives no shares' });
    if (f.quantity && f.countries.length !== 1)
      ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'a quantity belongs to one country' });
  });
export type CapacityFact = z.infer<typeof CapacityFactSchema>;

export const parseCapacityFacts = (text: string, file = 'partner-capacity.yaml') =>
  parseCatalogList(text, file, CapacityFactSchema);

export const CAPACITY_FACTS: readonly CapacityFact[] = parseCapacityFacts(
  readFileSync(new URL('./partner-capacity.yaml', import.meta.url), 'utf8'),
  'src/catalog/partner-capacity.yaml',
);

export interface ByProductHost {
  /** USGS commodity of the host series (a model mineral id, or a USGS chapter not modelled as a mineral). */
  host: string;
  label: string;
  /** The USGS series: MCS 2026 chapter and Statistics_detail of the rows. */
  chapter2026: string;
  detail: string;
  stage: 'mine' | 'refinery';
  source: string;
  verification: Verification;
}

/**
 * Host industries whose output carries a mineral as a by-product: a country with a large host industry can
 * recover the mineral (idle or new recovery circuits) without mining it as a primary product. Sources: USGS MCS
 * 2025 commodity chapters (gallium "recovered as a byproduct of alumina refining and zinc processing"; germanium
 * "recovered from zinc concentrates and coal fly ash"; molybdenum "byproduct of copper mining" for roughly half
 * of output; cobalt "mostly a byproduct of copper and nickel mining") — as recalled from the chapters, not
 * re-read here: verification `unverified` until checked against the PDFs.
 */
export const BY_PRODUCT_HOSTS: Readonly<Record<string, readonly ByProductHost[]>> = {
  gallium: [
    {
      host: 'alumina',
      label: 'alumina refining',
      chapter2026: 'BAUXITE AND ALUMINA',
      detail: 'Alumina, refinery production',
      stage: 'refinery',
      source: 'USGS MCS 2025, Gallium chapter, https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-gallium.pdf',
      verification: 'unverified',
    },
  ],
  germanium: [
    {
      host: 'zinc',
      label: 'zinc mining',
      chapter2026: 'ZINC',
      detail: 'Mine production',
      stage: 'mine',
      source:
        'USGS MCS 2025, Germanium chapter, https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-germanium.pdf',
      verification: 'unverified',
    },
  ],
  molybdenum: [
    {
      host: 'copper',
      label: 'copper mining',
      chapter2026: 'COPPER',
      detail: 'Mine production',
      stage: 'mine',
      source:
        'USGS MCS 2025, Molybdenum chapter, https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-molybdenum.pdf',
      verification: 'unverified',
    },
  ],
  cobalt: [
    {
      host: 'copper',
      label: 'copper mining',
      chapter2026: 'COPPER',
      detail: 'Mine production',
      stage: 'mine',
      source: 'USGS MCS 2025, Cobalt chapter, https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-cobalt.pdf',
      verification: 'unverified',
    },
    {
      host: 'nickel',
      label: 'nickel mining',
      chapter2026: 'NICKEL',
      detail: 'Mine production',
      stage: 'mine',
      source: 'USGS MCS 2025, Cobalt chapter, https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-cobalt.pdf',
      verification: 'unverified',
    },
  ],
};

export const capacityFactsFor = (mineral: string, facts: readonly CapacityFact[] = CAPACITY_FACTS) =>
  facts.filter((f) => f.mineral === mineral);
