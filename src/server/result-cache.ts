// Results by request: the database is opened read-only, so a service's result for given parameters never
// changes while the server runs. Keeps the most recently used `capacity` results (serialised once), and lets
// concurrent identical requests share one computation. Failed computations are not kept.
export interface CachedResult {
  value: unknown;
  /** The JSON body, encoded once. */
  json: ArrayBuffer;
}

export class ResultCache {
  private readonly entries = new Map<string, Promise<CachedResult>>();

  constructor(private readonly capacity: number) {}

  get(key: string, compute: () => unknown): Promise<CachedResult> {
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = (async () => {
      const value = await compute();
      return { value, json: new TextEncoder().encode(JSON.stringify(value)).buffer as ArrayBuffer };
    })();
    this.entries.set(key, pending);
    pending.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return pending;
  }
}
