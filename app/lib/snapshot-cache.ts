/**
 * A small time-limited cache of promised values, for figures too costly to recompute on every
 * page view. Concurrent callers share one build, a failed build is not kept, and the oldest
 * entries go first once it is full.
 */
export interface SnapshotCache<T> {
  get(key: string, build: () => Promise<T>): Promise<T>;
  clear(): void;
}

export function createSnapshotCache<T>({
  ttlMs,
  maxEntries = 200,
  now = Date.now,
}: {
  ttlMs: number;
  maxEntries?: number;
  now?: () => number;
}): SnapshotCache<T> {
  const entries = new Map<string, { expiresAt: number; value: Promise<T> }>();
  return {
    get(key, build) {
      const time = now();
      const hit = entries.get(key);
      if (hit && hit.expiresAt > time) return hit.value;
      if (hit) entries.delete(key);
      // The promise is kept, not the result, so requests arriving while it is built share one build.
      const value = build();
      if (ttlMs <= 0) return value;
      entries.set(key, { expiresAt: time + ttlMs, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // Oldest first out, so a burst of unusual filters cannot grow the map without bound.
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      return value;
    },
    clear: () => entries.clear(),
  };
}
