// The sanctions catalog: expectations are read by hand from the instruments cited in src/catalog/sanctions.yaml
// (each case names the instrument it follows), not from the loader's rules.
import { describe, expect, it } from 'vitest';
import {
  CatalogError,
  mayNotSupply,
  measuresAgainst,
  parseSanctions,
  purchaseBans,
  SANCTIONS,
  sanctionById,
} from '../../src/catalog/sanctions.ts';
import { UserInputError } from '../../src/model/errors.ts';

const ids = (ms: { id: string }[]) => ms.map((m) => m.id).sort();

describe('sanctions catalog: who may not supply whom', () => {
  it('UN resolutions bind every buyer, but only for the goods they name', () => {
    // UNSCR 2321 (30 Nov 2016) adds copper and nickel to the DPRK's banned exports: India is bound as a UN member.
    expect(mayNotSupply('PRK', 'IND', '2017-01-01', { mineral: 'copper' })).toBe(true);
    expect(mayNotSupply('PRK', 'IND', '2016-11-29', { mineral: 'copper' })).toBe(false);
    // UNSCR 2270 (2 Mar 2016) names rare earth minerals.
    expect(mayNotSupply('PRK', 'IND', '2016-03-02', { mineral: 'rare-earths' })).toBe(true);
    // No DPRK resolution names tungsten (HS 2611) or cobalt: the UN alone does not stop a third country buying.
    expect(mayNotSupply('PRK', 'IND', '2024-01-01', { mineral: 'tungsten' })).toBe(false);
    // UNSCR 2397 (22 Dec 2017) bans HS chapter 25 "earth and stone": natural graphite is HS 2504.
    expect(mayNotSupply('PRK', 'IND', '2018-01-01', { hs6: '250410' })).toBe(true);
    expect(mayNotSupply('PRK', 'IND', '2017-12-21', { hs6: '250410' })).toBe(false);
  });

  it('each trio member bans all imports from North Korea, with its own instrument and date', () => {
    // U.S.: E.O. 13570, effective 19 April 2011. Japan: cabinet decision, from 14 Oct 2006. Korea: May 24 Measures 2010.
    expect(mayNotSupply('PRK', 'USA', '2011-04-19', { mineral: 'tungsten' })).toBe(true);
    expect(ids(purchaseBans('PRK', 'USA', '2011-04-18', { mineral: 'tungsten' }))).toEqual([]);
    expect(ids(purchaseBans('PRK', 'JPN', '2006-10-14'))).toEqual(['jp-dprk-import-ban-2006']);
    expect(ids(purchaseBans('PRK', 'KOR', '2010-05-24'))).toEqual(['kr-dprk-may24-2010']);
    expect(mayNotSupply('PRK', 'KOR', '2010-05-23')).toBe(false);
  });

  it('Russia: the U.S. bans Russian copper and nickel produced from 13 April 2024; Korea bans no Russian imports', () => {
    // OFAC determination of 12 April 2024 under E.O. 14068: in force for metal produced on or after 13 April 2024.
    expect(mayNotSupply('RUS', 'USA', '2024-04-13', { mineral: 'nickel' })).toBe(true);
    expect(mayNotSupply('RUS', 'USA', '2024-04-12', { mineral: 'nickel' })).toBe(false);
    // Palladium and tungsten are not named by any U.S. import determination.
    expect(mayNotSupply('RUS', 'USA', '2025-06-01', { mineral: 'palladium' })).toBe(false);
    expect(mayNotSupply('RUS', 'USA', '2025-06-01', { mineral: 'tungsten' })).toBe(false);
    // Korea's measures (MOTIE Public Notice, from 26 March 2022) restrict Korean exports only.
    expect(mayNotSupply('RUS', 'KOR', '2025-06-01', { mineral: 'tungsten' })).toBe(false);
    // What binds Korea: its own export controls, and the U.S. programme, whose secondary sanctions (E.O. 14114)
    // reach foreign banks that deal with designated Russian persons.
    expect(ids(measuresAgainst('RUS', 'KOR', '2025-06-01'))).toEqual([
      'kr-ru-exports-2022',
      'us-ru-programme-2021',
    ]);
    // Japan's import ban of 19 April 2022 names alcohol, wood and machinery (HS 84), not minerals.
    expect(mayNotSupply('RUS', 'JPN', '2023-01-01', { hs6: '847130' })).toBe(true);
    expect(mayNotSupply('RUS', 'JPN', '2023-01-01', { mineral: 'palladium' })).toBe(false);
  });

  it('an EU measure binds the 27 member states and no one else', () => {
    const eu = sanctionById('eu-ru-imports-2022')!;
    expect(measuresAgainst('RUS', 'DEU', '2023-01-01').map((m) => m.id)).toContain(eu.id);
    expect(measuresAgainst('RUS', 'NOR', '2023-01-01').map((m) => m.id)).not.toContain(eu.id);
  });

  it('Cuba and Iran: U.S. embargoes bind U.S. buyers; U.S. secondary sanctions on Iran reach every buyer', () => {
    // Proclamation 3447 (Feb 1962) and the CACR: all Cuban-origin goods.
    expect(mayNotSupply('CUB', 'USA', '2020-01-01', { mineral: 'cobalt' })).toBe(true);
    expect(mayNotSupply('CUB', 'JPN', '2020-01-01', { mineral: 'cobalt' })).toBe(false);
    expect(measuresAgainst('CUB', 'JPN', '2020-01-01')).toEqual([]);
    // E.O. 13902 (10 Jan 2020) reaches anyone dealing in goods from Iran's mining sector: Korea buying Iranian
    // molybdenum concentrate (Iran mines it with copper) risks designation; before that date only E.O. 13871's
    // metals (copper) were covered.
    expect(mayNotSupply('IRN', 'KOR', '2020-01-10', { mineral: 'molybdenum' })).toBe(true);
    expect(mayNotSupply('IRN', 'KOR', '2020-01-09', { mineral: 'molybdenum' })).toBe(false);
    expect(mayNotSupply('IRN', 'KOR', '2019-06-01', { mineral: 'copper' })).toBe(true);
  });

  it('an ended measure stops binding on its end date (U.S. Syria programme, revoked from 1 July 2025)', () => {
    expect(ids(measuresAgainst('SYR', 'USA', '2025-06-30'))).toEqual(['us-sy-programme-2011']);
    expect(measuresAgainst('SYR', 'USA', '2025-07-01')).toEqual([]);
  });

  it('without a mineral, only embargoes count; a state nobody sanctions is never flagged', () => {
    expect(mayNotSupply('RUS', 'USA', '2025-01-01')).toBe(false); // no U.S. embargo on Russia
    expect(mayNotSupply('IRN', 'USA', '2025-01-01')).toBe(true); // E.O. 12959
    expect(measuresAgainst('AUS', 'USA', '2025-01-01')).toEqual([]);
    expect(measuresAgainst('CHN', 'KOR', '2025-01-01')).toEqual([]);
  });

  it('every entry says how it was checked, and unverified ones are marked as such', () => {
    for (const m of SANCTIONS) expect(m.checked.length, m.id).toBeGreaterThan(20);
    // the U.S. Iran embargo entry rests on recollection of the date (see its `checked` note)
    expect(sanctionById('us-ir-embargo-1995')?.verification).toBe('unverified');
    expect(sanctionById('us-sy-programme-2011')?.verification).toBe('official-text');
  });

  it('bad queries are user errors naming the field', () => {
    expect(() => measuresAgainst('RU', 'KOR', '2025-01-01')).toThrow(UserInputError);
    expect(() => mayNotSupply('RUS', 'KOR', '1/1/2025')).toThrow(/date "1\/1\/2025"/);
  });
});

describe('sanctions catalog: malformed entries fail with file, entry, field and line', () => {
  const good = `- id: x-1
  imposer: USA
  targets: [CUB]
  class: embargo
  flow: both
  secondary: false
  goods: { all: true, hs: [], minerals: [], other: [] }
  instrument: test
  adopted: "2020-01-01"
  effective: "2020-01-01"
  ended: null
  summary: test
  source: { title: t, url: "https://example.org/", date: "2020-01-01" }
  verification: unverified
  checked: test
`;
  const fail = (text: string) => {
    try {
      parseSanctions(text, 'fixture.yaml');
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogError);
      return (e as Error).message;
    }
    throw new Error('expected a CatalogError');
  };

  it('accepts a well-formed entry', () => {
    expect(parseSanctions(good, 'fixture.yaml')).toHaveLength(1);
  });
  it('names a bad date with its line', () => {
    expect(fail(good.replace('effective: "2020-01-01"', 'effective: 2020/01/01'))).toMatch(
      /^fixture\.yaml:10: entry x-1: effective: an ISO date/,
    );
  });
  it('names an unknown mineral inside goods', () => {
    const text = good
      .replace('class: embargo', 'class: import_ban')
      .replace(
        '{ all: true, hs: [], minerals: [], other: [] }',
        '{ all: false, hs: [], minerals: [unobtanium], other: [] }',
      );
    expect(fail(text)).toMatch(/entry x-1: goods\.minerals\.0: not a model mineral id/);
  });
  it('names an unknown target country', () => {
    expect(fail(good.replace('targets: [CUB]', 'targets: [XXX]'))).toMatch(
      /:3: entry x-1: targets\.0: not a known ISO3/,
    );
  });
  it('rejects an embargo that does not cover all goods, an end before the start, and duplicate ids', () => {
    expect(fail(good.replace('all: true', 'all: false'))).toMatch(/goods\.all: an embargo covers all goods/);
    expect(fail(good.replace('ended: null', 'ended: "2019-01-01"'))).toMatch(
      /:11: entry x-1: ended: ended must be after/,
    );
    expect(fail(good + good)).toMatch(/entry x-1: id: duplicate id/);
  });
  it('names the entry by position when it has no id', () => {
    expect(fail(good.replace('- id: x-1\n  ', '- '))).toMatch(/entry #1: id:/);
  });
});
