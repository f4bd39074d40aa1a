/** How long a computed report is reused: dashboards and team pages ask in bursts. */
export const REPORT_TTL_MS = 5_000;
const MAX_CACHED = 200;

const caches = new WeakMap<
  object,
  Map<string, { expires: number; value: Promise<unknown> }>
>();

/**
 * A computation reused for a few seconds under a key (which must hold everything the answer depends
 * on: the caller's principal, the definition's hash, the filters); concurrent identical requests share
 * one computation, and a failure is not kept. Entries live per router context, at most 200, oldest
 * (or expired) evicted first.
 */
export function reuseBriefly<T>(
  ctx: object,
  key: string,
  compute: () => Promise<T>,
  ttlMs = REPORT_TTL_MS,
): Promise<T> {
  let entries = caches.get(ctx);
  if (!entries) {
    entries = new Map();
    caches.set(ctx, entries);
  }
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.value as Promise<T>;
  const value = compute();
  // Re-inserted keys move to the end, so the map stays in order of expiry.
  entries.delete(key);
  entries.set(key, { expires: now + ttlMs, value });
  value.catch(() => {
    if (entries!.get(key)?.value === value) entries!.delete(key);
  });
  for (const [k, e] of entries) {
    if (entries.size <= MAX_CACHED && e.expires > now) break;
    entries.delete(k);
  }
  return value;
}
