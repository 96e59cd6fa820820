// Hand-compiled group memberships (countries/memberships.csv: OECD, G7, Quad, IPEF, MSP, BRICS, SCO, CPTPP,
// RCEP, FTAs/EPAs, EU, NATO, U.S. treaty allies). Every row keeps its source URL, verified_against_source
// (Y | N | partial) and confidence exactly as written, so that unverified or medium-confidence rows can be
// shown as such. A country can appear twice in a group (e.g. a bilateral FTA and the ASEAN one): both kept.
import { countryByIso3 } from '../model/countries.ts';
import { CellError, csvRows, type Mapped, oneOf, type Rec, text } from './politics-values.ts';
import type { Importer } from './types.ts';

export const VERIFIED = ['Y', 'N', 'partial'] as const;

function toRow(rec: Rec): Mapped {
  const group = text(rec, 'group');
  if (!group) throw new CellError('group', 'empty group name');
  const iso3 = rec.iso3.trim();
  if (!/^[A-Z]{3}$/.test(iso3) || !countryByIso3(iso3))
    throw new CellError(
      'iso3',
      `unknown country code "${iso3}"`,
      'use an ISO 3166-1 alpha-3 code such as KOR',
    );
  return {
    table: 'memberships',
    row: {
      group_name: group,
      country: iso3,
      status: text(rec, 'status'),
      since: text(rec, 'since'),
      source_url: text(rec, 'source_url'),
      verified: oneOf(rec, 'verified_against_source', VERIFIED),
      confidence: text(rec, 'confidence'),
      note: text(rec, 'note'),
    },
  };
}

export const membershipsImporter: Importer = {
  kind: 'memberships',
  description: 'Group memberships with source URL, verification flag and confidence (memberships.csv)',
  tables: ['memberships'],
  meta: () => ({
    kind: 'memberships',
    release: 'hand-compiled list in the shared data (see each row’s source_url)',
    licence: 'facts compiled from the official pages named in each row',
    citation: 'minsec shared data, countries/memberships.csv (each row cites its source URL)',
  }),
  parse: (path) =>
    csvRows(
      path,
      {
        required: [
          'group',
          'iso3',
          'status',
          'since',
          'source_url',
          'verified_against_source',
          'confidence',
          'note',
        ],
      },
      toRow,
    ),
};
