// Side-by-side comparison of two or more scenario runs (issue 11, item 9): per country × mineral, each run's
// time to survive and to recover, how recovery came, shortfall in tonnes and in days of demand, what pooling adds,
// the Monte Carlo 95th percentile of the shortfall and the added cost. Pure: reads result objects only; a country
// × mineral a run does not model is null in that run's column.
import type { ScenarioCompareResult, ScenarioResult } from '../../model/results/scenario.ts';

export function compareResults(
  results: readonly ScenarioResult[],
  labels: readonly string[],
): ScenarioCompareResult {
  const keys: { country: string; mineral: string }[] = [];
  for (const r of results)
    for (const c of r.countries)
      if (!keys.some((k) => k.country === c.country && k.mineral === c.mineral))
        keys.push({ country: c.country, mineral: c.mineral });
  const rows = keys.map(({ country, mineral }) => {
    const per = results.map((r) => {
      const c = r.countries.find((x) => x.country === country && x.mineral === mineral) ?? null;
      const pool =
        r.pooling?.byMineral.find((b) => b.mineral === mineral)?.members.find((m) => m.country === country) ??
        null;
      const band = r.montecarlo?.bands.find((b) => b.country === country && b.mineral === mineral) ?? null;
      const cost =
        r.prices.find((p) => p.mineral === mineral)?.addedCost.find((a) => a.country === country) ?? null;
      return { c, pool, band, cost };
    });
    return {
      country,
      mineral,
      ttsMonths: per.map((p) => p.c?.ttsMonths ?? null),
      ttrMonths: per.map((p) => p.c?.ttrMonths ?? null),
      recoveredBy: per.map((p) => p.c?.recovery.by ?? null),
      shortfallT: per.map((p) => p.c?.cumulativeShortfall ?? null),
      shortfallDays: per.map((p) => p.c?.cumulativeShortfallDays ?? null),
      daysGainedByPool: per.map((p) => p.pool?.daysGained ?? null),
      shortfallP95T: per.map((p) => p.band?.cumulativeShortfall.p95 ?? null),
      addedCostUsd: per.map((p) => p.cost?.usd ?? null),
    };
  });
  const notes: string[] = [];
  const years = new Set(results.map((r) => r.scenario.baselineYear));
  if (years.size > 1)
    notes.push(
      `The runs use different baseline years (${[...years].join(', ')}): demand and shares differ between them.`,
    );
  const horizons = new Set(results.map((r) => r.scenario.horizonMonths));
  if (horizons.size > 1)
    notes.push(
      `The runs have different horizons (${[...horizons].join(', ')} months): shortfalls are not over the same period.`,
    );
  return {
    runs: results.map((r, k) => ({
      label: labels[k],
      id: r.scenario.id,
      name: r.scenario.name,
      start: r.scenario.start,
      brief: r.brief,
    })),
    rows,
    units: {
      ttsMonths: 'months',
      shortfallT: 't',
      shortfallDays: 'days of demand',
      daysGainedByPool: 'days of demand',
      addedCostUsd: 'USD',
    },
    notes,
  };
}
