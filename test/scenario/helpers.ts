// Hand-made networks for the scenario engine tests (tonnes of contained metal).
import type {
  EngineInput,
  EngineRestriction,
  ImporterBaseline,
  MineralNetwork,
  PoolingRule,
} from '../../src/analysis/scenario/engine.ts';

const importer = (
  country: string,
  imports: Record<string, number>,
  own = 0,
  mined?: Record<string, number>,
): ImporterBaseline => {
  const M = Object.values(imports).reduce((s, x) => s + x, 0);
  const shares = Object.fromEntries(Object.entries(imports).map(([o, q]) => [o, q / M]));
  return {
    country,
    demandPerYear: M + own,
    importDependentPerYear: M,
    supplyByOrigin: { ...imports, ...(own > 0 ? { [country]: own } : {}) },
    reach: { shipped: shares, refined: shares, mined: mined ?? shares },
  };
};

/**
 * Three importers (KOR, JPN, USA) and the rest of the world, buying from CHN and AUS; KOR also produces a little.
 * Annual flows: KOR 120 (CHN 96, AUS 12, own 12), JPN 60 (CHN 30, AUS 30), USA 240 (CHN 120, AUS 120),
 * ROW 600 (CHN 400, AUS 200). World 1,020; refiners' spare at full ramp = spare share × output (CHN 700, AUS 300).
 * Mined-in views: what CHN ships was mined half in COD (KOR: CHN 96 → COD 48 of 108 imported).
 */
export function network(
  mineral = 'cobalt',
  spare = 0.1,
  extra: Partial<MineralNetwork> = {},
): MineralNetwork {
  const mined = (imports: Record<string, number>) => {
    const M = Object.values(imports).reduce((s, x) => s + x, 0);
    return { COD: (imports.CHN ?? 0) / 2 / M, CHN: (imports.CHN ?? 0) / 2 / M, AUS: (imports.AUS ?? 0) / M };
  };
  const flows = {
    KOR: { CHN: 96, AUS: 12 },
    JPN: { CHN: 30, AUS: 30 },
    USA: { CHN: 120, AUS: 120 },
    ROW: { CHN: 400, AUS: 200 },
  };
  const importers = [
    importer('KOR', flows.KOR, 12, mined(flows.KOR)),
    importer('JPN', flows.JPN, 0, mined(flows.JPN)),
    importer('USA', flows.USA, 0, mined(flows.USA)),
    importer('ROW', flows.ROW, 0, mined(flows.ROW)),
  ];
  return {
    mineral,
    unit: 't',
    worldSupplyPerYear: importers.reduce((s, i) => s + i.demandPerYear, 0),
    importers,
    pools: {
      mined: { sparePerYear: { COD: 500 * spare, AUS: 300 * spare, CHN: 200 * spare }, basis: 'test mines' },
      refined: { sparePerYear: { CHN: 700 * spare, AUS: 300 * spare }, basis: 'test refiners' },
    },
    ...extra,
  };
}

export const cut = (shareCut: number, o: Partial<EngineRestriction> = {}): EngineRestriction => ({
  origins: ['CHN'],
  minerals: ['cobalt'],
  targets: 'all',
  stage: 'shipped',
  shareCut,
  startMonth: 0,
  durationMonths: null,
  ...o,
});

export function input(o: {
  restrictions?: EngineRestriction[];
  stocks?: Record<string, number>;
  pooling?: PoolingRule | null;
  horizon?: number;
  ramp?: number;
  spare?: number;
  qualification?: number;
  net?: MineralNetwork;
  excluded?: Record<string, string[]>;
}): EngineInput {
  const net = o.net ?? network('cobalt', o.spare ?? 0.1);
  return {
    horizonMonths: o.horizon ?? 24,
    networks: [net],
    restrictions: o.restrictions ?? [],
    response: {
      [net.mineral]: {
        byProduct: false,
        rampUpPerMonth: o.ramp ?? 0.25,
        qualificationMonths: o.qualification ?? 0,
      },
    },
    stocks: { [net.mineral]: o.stocks ?? {} },
    pooling: o.pooling ?? null,
    excludedSuppliers: o.excluded ?? {},
  };
}
