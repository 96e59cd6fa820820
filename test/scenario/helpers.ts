// Hand-made trade networks for the scenario engine tests.
import type {
  EngineInput,
  EngineRestriction,
  MineralNetwork,
  PoolingRule,
} from '../../src/analysis/scenario/engine.ts';

/**
 * Three importers (KOR, JPN, USA) and the rest of the world, buying from CHN and AUS; KOR also produces a little.
 * Annual flows: KOR 120 (CHN 96, AUS 12, own 12), JPN 60 (CHN 30, AUS 30), USA 240 (CHN 120, AUS 120),
 * ROW 600 (CHN 400, AUS 200). World market 1,000; producers CHN 70%, AUS 30%.
 */
export function network(mineral = 'cobalt', extra: Partial<MineralNetwork> = {}): MineralNetwork {
  return {
    mineral,
    unit: 't',
    worldSupplyPerYear: 1000,
    producers: { CHN: 70, AUS: 30 },
    idleCapacity: null,
    importers: [
      { country: 'KOR', demandPerYear: 120, supplyByOrigin: { CHN: 96, AUS: 12, KOR: 12 } },
      { country: 'JPN', demandPerYear: 60, supplyByOrigin: { CHN: 30, AUS: 30 } },
      { country: 'USA', demandPerYear: 240, supplyByOrigin: { CHN: 120, AUS: 120 } },
      { country: 'ROW', demandPerYear: 600, supplyByOrigin: { CHN: 400, AUS: 200 } },
    ],
    ...extra,
  };
}

export const cut = (shareCut: number, o: Partial<EngineRestriction> = {}): EngineRestriction => ({
  origins: ['CHN'],
  minerals: ['cobalt'],
  targets: 'all',
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
  net?: MineralNetwork;
}): EngineInput {
  const net = o.net ?? network();
  return {
    horizonMonths: o.horizon ?? 24,
    networks: [net],
    restrictions: o.restrictions ?? [],
    response: {
      [net.mineral]: {
        byProduct: false,
        rampUpPerMonth: o.ramp ?? 0.25,
        spareCapacityShare: o.spare ?? 0.1,
        idleShareOfWorld: null,
      },
    },
    stocks: { [net.mineral]: o.stocks ?? {} },
    pooling: o.pooling ?? null,
  };
}
