import { createHash } from 'node:crypto';
/** Entity views kept per plugin instance: the most recently read ones. */
const MAX_CACHED = 2_000;

/** A serialised view with its entity tag. */
export interface CachedView {
  /** The JSON body. */
  json: string;
  /** A weak ETag of the body, computed once rather than by Express on every response. */
  etag: string;
}

interface Entry {
  /** The view generation read before the view was computed. */
  generation: number;
  /** When an exemption the view counts expires (ms), or Infinity. */
  expires: number;
  json: Promise<CachedView>;
}

const caches = new WeakMap<object, Map<string, Entry>>();

function entriesOf(ctx: object): Map<string, Entry> {
  let entries = caches.get(ctx);
  if (!entries) {
    entries = new Map();
    caches.set(ctx, entries);
  }
  return entries;
}

/**
 * The entity's view as JSON, shared by every caller who may see the entity (the view holds nothing
 * caller-specific; visibility is checked before this). It is reused while the view generation, which
 * every change of results, levels or exemptions on any instance increments, stands still and no
 * exemption it counts has expired; `generation` must be read before `compute` runs, so a view is never
 * older than the generation it is kept under. Concurrent requests share one computation; a failure is
 * not kept.
 */
export function entityViewJson(
  ctx: object,
  entityRef: string,
  generation: number,
  compute: () => Promise<{ view: unknown; validUntil?: number }>,
): Promise<CachedView> {
  const entries = entriesOf(ctx);
  const hit = entries.get(entityRef);
  entries.delete(entityRef);
  if (hit && hit.generation === generation && hit.expires > Date.now()) {
    // Re-inserted, so the map stays in order of last use and the front is what to evict.
    entries.set(entityRef, hit);
    return hit.json;
  }
  const entry: Entry = { generation, expires: Infinity, json: null! };
  entry.json = compute().then(({ view, validUntil }) => {
    if (validUntil !== undefined) entry.expires = validUntil;
    const body = JSON.stringify(view);
    const hash = createHash('sha1').update(body).digest('base64url');
    return { json: body, etag: `W/"${body.length.toString(16)}-${hash}"` };
  });
  const json = entry.json;
  entries.set(entityRef, entry);
  json.catch(() => {
    if (entries.get(entityRef)?.json === json) entries.delete(entityRef);
  });
  while (entries.size > MAX_CACHED) {
    entries.delete(entries.keys().next().value as string);
  }
  return json;
}
