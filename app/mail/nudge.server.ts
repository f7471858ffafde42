/**
 * Lets the outbox worker in this process know that mail was queued, so it need not wait for its
 * next poll. Called inside the queueing transaction, so the worker waits a moment for the commit;
 * a nudge that comes too early is harmless, as the poll picks the mail up a few seconds later.
 */
type Listener = () => void;

const holder = globalThis as unknown as { __peerlinkMailListeners?: Set<Listener> };
const listeners = (holder.__peerlinkMailListeners ??= new Set());

export function onMailQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function mailQueued(): void {
  for (const listener of listeners) listener();
}
