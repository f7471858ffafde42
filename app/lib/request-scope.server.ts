import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What one HTTP request has already worked out, shared by all its loaders. Remix hands each
 * loader its own copy of the Request, so the Request itself cannot carry it; the server runs each
 * request inside `requestScope.run(new Map(), …)`.
 */
export const requestScope = new AsyncLocalStorage<Map<string, unknown>>();

/** `compute()` once per HTTP request for this key; outside a request scope, every call computes. */
export function oncePerRequest<T>(key: string, compute: () => T): T {
  const store = requestScope.getStore();
  if (!store) return compute();
  if (!store.has(key)) store.set(key, compute());
  return store.get(key) as T;
}
