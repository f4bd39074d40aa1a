/** Responses kept per plugin instance: the most recently read ones. */
const MAX_CACHED = 1_000;

/**
 * How long a cached response may be served while the campaign state stands still: bounds how late a
 * change of what the caller may see in the catalog shows (the catalog view caches 10 s too).
 */
const TTL_MS = 10_000;

interface Entry {
  generation: string;
  expires: number;
  json: Promise<string>;
}

/**
 * Campaign API responses as JSON, per caller and URL, reused while the campaign generation (every write
 * of campaign state on any instance moves it, and so does a changed definition) stands still. The
 * generation is read before `compute` runs, so a response is never older than the generation it is kept
 * under. Concurrent requests share one computation; a failure is not kept.
 */
export class ResponseCache {
  readonly #entries = new Map<string, Entry>();

  /** The cached JSON of `key` at `generation`, computed when missing or stale. */
  json(key: string, generation: string, compute: () => Promise<unknown>) {
    const hit = this.#entries.get(key);
    this.#entries.delete(key);
    if (hit && hit.generation === generation && hit.expires > Date.now()) {
      this.#entries.set(key, hit);
      return hit.json;
    }
    const json = compute().then(body => JSON.stringify(body));
    this.#entries.set(key, { generation, expires: Date.now() + TTL_MS, json });
    json.catch(() => {
      if (this.#entries.get(key)?.json === json) this.#entries.delete(key);
    });
    while (this.#entries.size > MAX_CACHED) {
      this.#entries.delete(this.#entries.keys().next().value as string);
    }
    return json;
  }
}
