// Talking to the minsec API: GET results are cached per URL for the page's lifetime (the database is
// read-only); errors carry the API's {error, field, hint} message; a server that does not answer is an
// ApiFailure with status 0 (the page offers a retry).
import { useEffect, useState } from 'preact/hooks';
import { useT } from './i18n.tsx';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
  /** The server could not be reached (down, restarting, network). */
  get unreachable() {
    return this.status === 0;
  }
  /** The API said there is no such data (404): for a data view, a gap rather than a failure. */
  get notFound() {
    return this.status === 404;
  }
}

/** fetch that turns a network failure into ApiFailure(0) instead of the browser's "Failed to fetch". */
async function request(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (e) {
    throw new ApiFailure(0, (e as Error).message);
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
    hit = request(url).then((r) => parse<T>(r));
    hit.catch(() => cache.delete(url));
    cache.set(url, hit);
  }
  return hit as Promise<T>;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await request(`/api${path}`, {
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
  /** Asks again (after a failure: the cache holds no failed answers). */
  retry?: () => void;
}

/** Fetches path+query when they change (null path: nothing). */
export function useApi<T>(path: string | null, query: Query = {}): Loaded<T> {
  const url = path === null ? null : apiUrl(path, query);
  const [state, setState] = useState<Loaded<T>>({ loading: path !== null });
  const [attempt, setAttempt] = useState(0);
  const retry = () => setAttempt((n) => n + 1);
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
  }, [url, attempt]);
  return { ...state, retry };
}

/** ISO3 → the country's name in the dashboard's language (null: the USGS remainder "other countries"). */
export function useNames(): (iso3: string | null) => string {
  return useT().country;
}
