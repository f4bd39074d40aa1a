import { createHash } from 'node:crypto';
import type { ApiContext } from './context';

/**
 * How long a serialised entity view is reused. Views are read far more often than entities change: an
 * entity page asks from the overview card and the tab, many people open the same services. Every
 * evaluation this instance persists (pushes, sweeps, on-demand, exemption decisions and expiry) forgets
 * the views it touched at once, and an exemption's expiry ends the entry; only a write by another
 * backend instance can leave a view this stale.
 */
export const ENTITY_VIEW_TTL_MS = 5_000;
const MAX_CACHED = 2_000;

/** A serialised view with its entity tag. */
export interface CachedView {
  /** The JSON body. */
  json: string;
  /** A weak ETag of the body, computed once rather than by Express on every response. */
  etag: string;
}

interface Entry {
  expires: number;
  json: Promise<CachedView>;
}

const caches = new WeakMap<ApiContext, Map<string, Entry>>();

function entriesOf(ctx: ApiContext): Map<string, Entry> {
  let entries = caches.get(ctx);
  if (!entries) {
    entries = new Map();
    caches.set(ctx, entries);
  }
  return entries;
}

/**
 * The entity's view as JSON, computed once per entity for a few seconds and shared by every caller who
 * may see the entity (the view holds nothing caller-specific; visibility is checked before this).
 * Concurrent requests share one computation; a failure is not kept.
 */
export function entityViewJson(
  ctx: ApiContext,
  entityRef: string,
  compute: () => Promise<{ view: unknown; validUntil?: number }>,
): Promise<CachedView> {
  const entries = entriesOf(ctx);
  const now = Date.now();
  const hit = entries.get(entityRef);
  if (hit && hit.expires > now) return hit.json;
  const entry: Entry = { expires: now + ENTITY_VIEW_TTL_MS, json: null! };
  entry.json = compute().then(({ view, validUntil }) => {
    // An exemption expiring within the TTL must stop counting on time, not up to 5 s later.
    if (validUntil !== undefined)
      entry.expires = Math.min(entry.expires, validUntil);
    const body = JSON.stringify(view);
    const hash = createHash('sha1').update(body).digest('base64url');
    return { json: body, etag: `W/"${body.length.toString(16)}-${hash}"` };
  });
  const json = entry.json;
  entries.delete(entityRef);
  entries.set(entityRef, entry);
  json.catch(() => {
    if (entries.get(entityRef)?.json === json) entries.delete(entityRef);
  });
  // Insertion order is (nearly: an expiring exemption shortens an entry) expiry order, so dropping from
  // the front until the map is small and fresh bounds it; a stale entry left behind is never served.
  for (const [key, old] of entries) {
    if (entries.size <= MAX_CACHED && old.expires > now) break;
    entries.delete(key);
  }
  return json;
}

/** Forgets entity views after this instance changed their results or exemptions. */
export function forgetEntityView(
  ctx: ApiContext,
  ...entityRefs: string[]
): void {
  const entries = caches.get(ctx);
  if (!entries) return;
  for (const ref of entityRefs) entries.delete(ref);
}
