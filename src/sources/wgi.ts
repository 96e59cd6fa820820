// World Bank Worldwide Governance Indicators (2024 update, governance/wgidataset.csv): one row per
// economy × indicator × year. World Bank codes map to ISO3 through the country list's wgi_code
// (ADO=AND, ZAR=COD, ROM=ROU, TMP=TLS, KSV=XKX, WBG=PSE). The string ".." is a missing value and stays
// null. This release lists 214 economies and no regional or income aggregates, so an unknown code is a
// row error rather than a skip.
import { countryByWgi } from '../model/countries.ts';
import { CellError, csvRows, int, num, oneOf, type Rec, year } from './politics-values.ts';
import type { Importer } from './types.ts';

export const WGI_INDICATORS = ['va', 'pv', 'ge', 'rq', 'rl', 'cc'] as const;
const MISSING = ['..', ''];

function toRow(rec: Rec) {
  const code = rec.code.trim();
  const country = countryByWgi(code);
  if (!country)
    throw new CellError(
      'code',
      `unknown World Bank economy code "${code}" (${rec.countryname})`,
      'add its wgi_code to the country list',
    );
  return {
    table: 'governance' as const,
    row: {
      country: country.iso3,
      year: year(rec, 1996), // WGI starts in 1996
      indicator: oneOf(rec, 'indicator', WGI_INDICATORS),
      estimate: num(rec, 'estimate', MISSING),
      stddev: num(rec, 'stddev', MISSING),
      nsource: int(rec, 'nsource', MISSING),
      pctrank: num(rec, 'pctrank', MISSING),
    },
  };
}

export const wgiImporter: Importer = {
  kind: 'wgi',
  description: 'World Bank Worldwide Governance Indicators (wgidataset.csv, long format, ".." = missing)',
  tables: ['governance'],
  meta: () => ({
    kind: 'wgi',
    release: 'WGI 2024 update (1996–2023)',
    licence: 'CC BY 4.0',
    citation:
      'Kaufmann, D. and Kraay, A. (2024). Worldwide Governance Indicators, 2024 Update. World Bank, www.govindicators.org',
  }),
  parse: (path) =>
    csvRows(
      path,
      {
        required: ['code', 'countryname', 'year', 'indicator', 'estimate', 'stddev', 'nsource', 'pctrank'],
        // The World Bank publishes wgidataset.csv without a final line break.
        finalNewline: 'optional',
      },
      toRow,
    ),
};
