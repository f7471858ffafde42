import type { HeadersFunction } from "@remix-run/node";

/**
 * A route's headers for a throttled answer: Remix sends only what this returns on a document
 * request (a post without JavaScript), so the action's Retry-After is carried over here.
 */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};
