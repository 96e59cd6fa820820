// Results by request: the database is opened read-only, so a service's result for given parameters never
// changes while the server runs. Keeps the most recently used results (serialised once) within a count and a byte
// budget (the JSON bodies' size; the objects behind them take a few times that), and lets concurrent identical
// requests share one computation. Failed computations are not kept; a result larger than the budget is served
// but not kept.
export interface CachedResult {
  value: unknown;
  /** The JSON body, encoded once. */
  json: ArrayBuffer;
}

/** Default byte budget of the JSON bodies kept (an assumption: a few hundred MiB of heap at most). */
export const CACHE_BUDGET_BYTES = 64 * 1024 * 1024;

export class ResultCache {
  private readonly entries = new Map<string, Promise<CachedResult>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(
    private readonly capacity: number,
    private readonly budgetBytes = CACHE_BUDGET_BYTES,
  ) {}

  /** Results kept and the bytes of their JSON bodies. */
  get stats() {
    return { entries: this.entries.size, bytes: this.bytes };
  }

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
    pending.then(
      (r) => {
        if (this.entries.get(key) !== pending) return; // evicted while computing
        const size = r.json.byteLength;
        if (size > this.budgetBytes) {
          this.entries.delete(key);
          return;
        }
        this.sizes.set(key, size);
        this.bytes += size;
        this.evict();
      },
      () => this.entries.delete(key),
    );
    this.evict();
    return pending;
  }

  private evict() {
    for (const key of this.entries.keys()) {
      if (this.entries.size <= this.capacity && this.bytes <= this.budgetBytes) return;
      this.entries.delete(key);
      this.bytes -= this.sizes.get(key) ?? 0;
      this.sizes.delete(key);
    }
  }
}
