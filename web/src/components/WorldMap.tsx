// A choropleth world map of country values (ISO3 → value) on Natural Earth 1:110m borders (world-atlas),
// drawn with Observable Plot's geo mark in the Equal Earth projection.
import * as Plot from '@observablehq/plot';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { useEffect, useState } from 'preact/hooks';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import worldUrl from 'world-atlas/countries-110m.json?url';
import { getJson } from '../api.ts';

interface CountryRow {
  iso3: string;
  isoNumeric: number | null;
  name: string;
}

interface World {
  land: FeatureCollection<Geometry, { name: string }>;
  borders: ReturnType<typeof mesh>;
  iso3ById: Map<string, string>;
}

let worldPromise: Promise<World> | null = null;

function loadWorld(): Promise<World> {
  worldPromise ??= Promise.all([
    fetch(worldUrl).then(
      (r) => r.json() as Promise<Topology<{ countries: GeometryCollection<{ name: string }> }>>,
    ),
    getJson<CountryRow[]>('/countries'),
  ]).then(([topo, countries]) => ({
    land: feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>,
    borders: mesh(topo, topo.objects.countries, (a, b) => a !== b),
    iso3ById: new Map(
      countries
        .filter((c) => c.isoNumeric !== null)
        .map((c) => [String(c.isoNumeric).padStart(3, '0'), c.iso3]),
    ),
  }));
  return worldPromise;
}

export function useWorld(): World | null {
  const [world, setWorld] = useState<World | null>(null);
  useEffect(() => {
    loadWorld().then(setWorld);
  }, []);
  return world;
}

export function drawMap(
  world: World,
  values: Map<string, number>,
  opts: {
    label: string;
    width: number;
    highlight?: string;
    /** Country name in the page's language (ISO3 → name). */
    name: (iso3: string) => string;
    /** "no data" in the page's language. */
    noData: string;
    pct: (x: number) => string;
  },
) {
  const iso3 = (f: Feature) => world.iso3ById.get(String(f.id)) ?? '';
  const label = (f: Feature) => (iso3(f) ? opts.name(iso3(f)) : (f.properties as { name: string }).name);
  const max = Math.max(0.01, ...values.values());
  return Plot.plot({
    width: opts.width,
    height: Math.round(opts.width * 0.48),
    projection: 'equal-earth',
    color: {
      type: 'sqrt',
      scheme: 'oranges',
      domain: [0, max],
      legend: true,
      label: opts.label,
      tickFormat: '.0%',
      unknown: '#eef0f3',
    },
    marks: [
      Plot.sphere({ stroke: '#ccd' }),
      Plot.geo(world.land, {
        fill: '#e4e7ec',
        title: (f: Feature) => `${label(f)}: ${opts.noData}`,
      }),
      Plot.geo(
        world.land.features.filter((f) => values.has(iso3(f))),
        {
          fill: (f: Feature) => values.get(iso3(f)),
          title: (f: Feature) => `${label(f)}: ${opts.pct(values.get(iso3(f)) ?? 0)}`,
        },
      ),
      Plot.geo(world.borders, { stroke: 'white', strokeWidth: 0.5 }),
      Plot.geo(
        world.land.features.filter((f) => iso3(f) === opts.highlight),
        { stroke: '#1f4e8c', strokeWidth: 2, fill: 'none' },
      ),
    ],
  });
}
