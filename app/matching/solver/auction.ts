/**
 * Warm start: a forward auction (Bertsekas) with one uniform price per offer and no epsilon.
 *
 * Each unassigned request unit looks at its edges' net values (cost − price), picks the best and
 * computes its reservation price r = cost − max(0, second best): the highest price at which it
 * still prefers this offer. An offer keeps the `capacity` holders with the highest reservations
 * (a min-heap), and once full its price is the lowest reservation it holds. A bidder with
 * r > price displaces that lowest holder, who bids again.
 *
 * Why this shape:
 * - Prices only rise, and an offer's price becomes positive only when it is full and then stays
 *   full, so at the end "positive price ⇒ full" holds (no reverse auction is needed), and every
 *   holder's offer is still its best (its alternatives only got dearer). With epsilon = 0 that
 *   is exact complementary slackness for everything the auction assigned.
 * - Without epsilon a tie (r equal to the price) cannot be broken by raising the price, so such
 *   bidders are left over, and a bid cap bounds pathological price wars. The exact phase
 *   (ssp.ts) starts from these prices and finishes the job, so the auction's quality only
 *   affects speed, never the answer.
 *
 * Cost: O(degree) per bid; on the skewed 1M-edge benchmark about 3 bids per request.
 */
import type { Graph } from "./graph";

export interface AuctionResult {
  /** Offer prices (cost units): lowest held reservation if full, else 0. */
  price: Float64Array;
  /** Per graph position: 1 if the auction assigned that edge. */
  held: Uint8Array;
  bids: number;
  /** Request units left unassigned although their best net value was positive. */
  leftOver: number;
}

export function runAuction(g: Graph, options: { maxBids?: number } = {}): AuctionResult {
  const { n, m, start, offer, request, cost, demand, capacity, slotStart } = g;
  const price = new Float64Array(m);
  const held = new Uint8Array(cost.length);
  // Per offer, a min-heap over its holder slots keyed by reservation price.
  const slotR = new Float64Array(slotStart[m]);
  const slotE = new Int32Array(slotStart[m]);
  const count = new Int32Array(m);

  let units = 0;
  for (let i = 0; i < n; i++) units += demand[i];
  const ql = units + 1;
  const queue = new Int32Array(ql);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) for (let d = 0; d < demand[i]; d++) queue[tail++] = i;
  let queued = units;
  if (tail === ql) tail = 0;

  const maxBids = options.maxBids ?? 20 * units + 1000;
  let bids = 0;
  let leftOver = 0;

  while (queued > 0 && bids < maxBids) {
    const i = queue[head++];
    if (head === ql) head = 0;
    queued--;

    // Best and second-best net value over edges this request does not already hold.
    let v1 = -Infinity;
    let v2 = -Infinity;
    let e1 = -1;
    let e2 = -1;
    for (let e = start[i], end = start[i + 1]; e < end; e++) {
      if (held[e] === 1) continue;
      const v = cost[e] - price[offer[e]];
      if (v > v1) {
        v2 = v1;
        e2 = e1;
        v1 = v;
        e1 = e;
      } else if (v > v2) {
        v2 = v;
        e2 = e;
      }
    }
    if (!(v1 > 0)) continue; // nothing worth taking: staying unassigned is optimal for it now
    bids++;
    const w = v2 > 0 ? v2 : 0;
    let e = e1;
    let j = offer[e];

    if (count[j] < capacity[j]) {
      insertHolder(slotR, slotE, slotStart[j], count[j]++, cost[e] - w, e);
      held[e] = 1;
      if (count[j] === capacity[j]) price[j] = slotR[slotStart[j]];
      continue;
    }
    if (v1 === w) {
      // A tie: the price cannot rise. Take an equally good offer with a free place if there is one.
      if (e2 >= 0 && v2 === v1 && count[offer[e2]] < capacity[offer[e2]]) {
        e = e2;
        j = offer[e];
        insertHolder(slotR, slotE, slotStart[j], count[j]++, cost[e] - v1, e);
        held[e] = 1;
        if (count[j] === capacity[j]) price[j] = slotR[slotStart[j]];
      } else {
        leftOver++;
      }
      continue;
    }
    const displaced = replaceLowest(slotR, slotE, slotStart[j], capacity[j], cost[e] - w, e);
    price[j] = slotR[slotStart[j]];
    held[e] = 1;
    held[displaced] = 0;
    queue[tail++] = request[displaced];
    if (tail === ql) tail = 0;
    queued++;
  }
  return { price, held, bids, leftOver: leftOver + queued };
}

function insertHolder(key: Float64Array, val: Int32Array, base: number, size: number, r: number, e: number): void {
  let c = size;
  while (c > 0) {
    const parent = (c - 1) >> 1;
    if (key[base + parent] <= r) break;
    key[base + c] = key[base + parent];
    val[base + c] = val[base + parent];
    c = parent;
  }
  key[base + c] = r;
  val[base + c] = e;
}

/** Replaces the root (lowest reservation) of a full heap; returns the evicted edge. */
function replaceLowest(key: Float64Array, val: Int32Array, base: number, size: number, r: number, e: number): number {
  const evicted = val[base];
  let c = 0;
  for (;;) {
    let child = 2 * c + 1;
    if (child >= size) break;
    if (child + 1 < size && key[base + child + 1] < key[base + child]) child++;
    if (key[base + child] >= r) break;
    key[base + c] = key[base + child];
    val[base + c] = val[base + child];
    c = child;
  }
  key[base + c] = r;
  val[base + c] = e;
  return evicted;
}
