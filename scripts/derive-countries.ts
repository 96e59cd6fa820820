// Derives data/reference/countries.csv (the model's country vocabulary) from the shared crosswalk
// countries/derived_country_crosswalk_iso_cow_wgi.csv (ISO 3166 via lukes/ISO-3166-Countries-with-Regional-Codes,
// CC BY-SA 4.0; COW state list; World Bank WGI codes). Run: npx tsx scripts/derive-countries.ts [../shared/data]
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

const from = process.argv[2] ?? '../shared/data';
const rows: Record<string, string>[] = parse(
  readFileSync(join(from, 'countries/derived_country_crosswalk_iso_cow_wgi.csv')),
  { columns: true, bom: true },
);
// Former countries (ISO 3166-3 withdrawn codes) that the crosswalk lists without a name, plus Serbia and
// Montenegro (SCG, withdrawn 2006), which BACI flows of 2002–2005 still use.
const FORMER: Record<string, string> = {
  ANT: 'Netherlands Antilles (former)',
  CSK: 'Czechoslovakia (former)',
  DDR: 'German Democratic Republic (former)',
  YAR: 'Yemen Arab Republic (former)',
  SCG: 'Serbia and Montenegro (former)',
};
const extra = rows.some((r) => r.iso3 === 'SCG')
  ? []
  : [
      {
        iso3: 'SCG',
        iso2: '',
        iso_numeric: '891',
        iso_name: FORMER.SCG,
        region: '',
        subregion: '',
        cow_ccode: '',
        cow_abb: '',
        wgi_code: '',
      },
    ];
const out = [...rows, ...extra].map((r) => ({
  iso3: r.iso3,
  iso2: r.iso2,
  iso_numeric: r.iso_numeric ? String(Number(r.iso_numeric)) : '',
  name: FORMER[r.iso3] ?? r.iso_name.replace(/ \(user-assigned XKX, not ISO\)/, ''),
  region: r.region,
  subregion: r.subregion,
  cow_code: r.cow_ccode,
  cow_abb: r.cow_abb,
  wgi_code: r.wgi_code,
}));
writeFileSync('data/reference/countries.csv', stringify(out, { header: true }));
console.log(`wrote ${out.length} countries`);
