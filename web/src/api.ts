// Talking to the minsec API: GET results are cached per URL for the page's lifetime (the database is
// read-only); errors carry the API's {error, field, hint} message.
import { useEffect, useState } from 'preact/hooks';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

type Query = Record<string, string | number | undefined | null>;

export function apiUrl(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `/api${path}${s ? `?${s}` : ''}`;
}

async function parse<T>(res: Response): Promise<T> {
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new ApiFailure(res.status, body.error ?? `HTTP ${res.status}`, body.hint);
  return body as T;
}

const cache = new Map<string, Promise<unknown>>();

export function getJson<T>(path: string, query: Query = {}): Promise<T> {
  const url = apiUrl(path, query);
  let hit = cache.get(url);
  if (!hit) {
    hit = fetch(url).then((r) => parse<T>(r));
    hit.catch(() => cache.delete(url));
    cache.set(url, hit);
  }
  return hit as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return parse<T>(res);
}

export interface Loaded<T> {
  data?: T;
  error?: ApiFailure | Error;
  loading: boolean;
}

/** Fetches path+query when they change (null path: nothing). */
export function useApi<T>(path: string | null, query: Query = {}): Loaded<T> {
  const url = path === null ? null : apiUrl(path, query);
  const [state, setState] = useState<Loaded<T>>({ loading: path !== null });
  useEffect(() => {
    if (path === null) return setState({ loading: false });
    let live = true;
    setState({ loading: true });
    getJson<T>(path, query).then(
      (data) => live && setState({ data, loading: false }),
      (error: Error) => live && setState({ error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, [url]);
  return state;
}

export interface CountryRow {
  iso3: string;
  iso2: string;
  isoNumeric: number | null;
  name: string;
  region: string;
}

const SHORT: Record<string, string> = {
  USA: 'United States',
  GBR: 'United Kingdom',
  KOR: 'South Korea',
  PRK: 'North Korea',
  RUS: 'Russia',
  COD: 'DR Congo',
  TWN: 'Taiwan',
};

/** ISO3 → a short country name (the code itself until the list has loaded or for unknown codes). */
export function useNames(): (iso3: string | null) => string {
  const { data } = useApi<CountryRow[]>('/countries');
  const names = new Map((data ?? []).map((c) => [c.iso3, c.name.replace(/ \(.*\)$/, '')]));
  return (iso3) => (iso3 === null ? 'other' : (SHORT[iso3] ?? names.get(iso3) ?? iso3));
}
