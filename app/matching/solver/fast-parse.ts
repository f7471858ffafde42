/**
 * An instance file's bytes straight into a CompiledInstance, with no JS object per request, offer
 * or edge: at a million edges JSON.parse and the objects it builds cost more time and memory than
 * solving. Only well-formed, valid instances take this path; for anything else (bad JSON, a bad
 * or missing field, a duplicate, an unknown id, ...) it returns null and the caller runs
 * parseGroupedInstanceJson on the text, which words the error. Whatever it accepts, it reads
 * exactly as that function does: same ids, counts, edges and scores (extra fields ignored).
 */
import { compileGroups, type CompiledGroups } from "./groups";
import { IdTable } from "./id-table";
import { InstanceError, MAX_COUNT, rejectDuplicatePairs } from "./instance";
import { asciiBytes, HASH_PRIME, HASH_SEED, JsonBytes, NOT_HANDLED, notHandled } from "./json-bytes";
import type { CompiledInstance } from "./types";

const TOP = ["requests", "offers", "edges", "groups"];
const REQUEST = ["id", "demand"];
const OFFER = ["id", "capacity"];
const EDGE = ["request", "offer", "score"];
const TOP_BYTES = asciiBytes(TOP);
const REQUEST_BYTES = asciiBytes(REQUEST);
const OFFER_BYTES = asciiBytes(OFFER);
const EDGE_BYTES = asciiBytes(EDGE);

/** The smallest edge, `{"request":"r","offer":"o","score":0}`, plus its comma. */
const MIN_EDGE_BYTES = 38;

export interface ParsedInstance {
  instance: CompiledInstance;
  groups: CompiledGroups | null;
}

export function parseInstanceBytes(bytes: Uint8Array): ParsedInstance | null {
  try {
    return parse(new JsonBytes(bytes));
  } catch (error) {
    // RangeError: an array too large to allocate here; the text path decides what that means.
    if (error === NOT_HANDLED || error instanceof InstanceError || error instanceof RangeError) return null;
    throw error;
  }
}

function parse(json: JsonBytes): ParsedInstance {
  const requests = new IdTable();
  const offers = new IdTable();
  let demand: Int32Array | null = null;
  let capacity: Int32Array | null = null;
  let edges: Edges | null = null;
  let edgesAt = -1;
  let groupsAt = -1;
  let groupsEnd = -1;

  json.expect(0x7b);
  if (!json.accept(0x7d)) {
    do {
      const key = json.readKey(TOP, TOP_BYTES);
      if (key === 0) {
        if (demand) notHandled(); // a repeated key: JSON.parse keeps the last, keep it simple
        demand = readCounts(json, requests, REQUEST, REQUEST_BYTES);
      } else if (key === 1) {
        if (capacity) notHandled();
        capacity = readCounts(json, offers, OFFER, OFFER_BYTES);
      } else if (key === 2) {
        if (edges || edgesAt >= 0) notHandled();
        // Edges name requests and offers: read them once both are known, else come back later.
        if (demand && capacity) edges = readEdges(json, requests, offers);
        else {
          json.skipSpace();
          edgesAt = json.pos;
          json.skipValue();
        }
      } else if (key === 3) {
        if (groupsAt >= 0) notHandled();
        json.skipSpace();
        groupsAt = json.pos;
        json.skipValue();
        groupsEnd = json.pos;
      } else {
        json.skipValue();
      }
    } while (json.more(0x7d));
  }
  json.skipSpace();
  if (json.pos !== json.length || !demand || !capacity) notHandled();
  const end = json.pos;
  if (!edges) {
    if (edgesAt < 0) notHandled();
    json.pos = edgesAt;
    edges = readEdges(json, requests, offers);
  }
  const instance: CompiledInstance = {
    requestIds: requests.ids,
    offerIds: offers.ids,
    demand,
    capacity,
    // Views, not copies: the unused tail of each array was never written, so it costs no memory.
    edgeRequest: edges.request.subarray(0, edges.count),
    edgeOffer: edges.offer.subarray(0, edges.count),
    edgeScore: edges.score.subarray(0, edges.count),
  };
  rejectDuplicatePairs(instance);
  let groupsValue: unknown = undefined;
  if (groupsAt >= 0) {
    json.pos = groupsEnd;
    groupsValue = json.parseSlice(groupsAt);
  }
  json.pos = end;
  return { instance, groups: compileGroups(groupsValue, instance) };
}

/** An array of `{"id": non-empty string, <count>: integer in [0, MAX_COUNT]}`, ids all distinct. */
function readCounts(json: JsonBytes, ids: IdTable, names: string[], bytes: Uint8Array[]): Int32Array {
  let counts = new Int32Array(1 << 10);
  json.expect(0x5b);
  if (json.accept(0x5d)) return new Int32Array(0);
  do {
    let id: string | null = null;
    let count = -1;
    json.expect(0x7b);
    if (json.accept(0x7d)) notHandled();
    do {
      const key = json.readKey(names, bytes);
      if (key === 0) {
        if (id !== null) notHandled();
        id = json.readString();
      } else if (key === 1) {
        if (count >= 0) notHandled();
        const value = json.readNumber();
        if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) notHandled();
        count = value;
      } else {
        json.skipValue();
      }
    } while (json.more(0x7d));
    if (id === null || id.length === 0 || count < 0 || !ids.add(id)) notHandled();
    const index = ids.size - 1;
    if (index === counts.length) {
      const bigger = new Int32Array(counts.length * 2);
      bigger.set(counts);
      counts = bigger;
    }
    counts[index] = count;
  } while (json.more(0x5d));
  return counts.slice(0, ids.size);
}

interface Edges {
  count: number;
  request: Int32Array;
  offer: Int32Array;
  score: Float64Array;
}

function readEdges(json: JsonBytes, requests: IdTable, offers: IdTable): Edges {
  // No edge is shorter than MIN_EDGE_BYTES, so this many slots always suffice: no regrowing.
  const room = Math.floor((json.length - json.pos) / MIN_EDGE_BYTES) + 1;
  const request = new Int32Array(room);
  const offer = new Int32Array(room);
  const score = new Float64Array(room);
  const edge = new EdgeReader(json, requests, offers);
  json.expect(0x5b);
  let k = 0;
  if (!json.accept(0x5d)) {
    do {
      if (k === room) notHandled();
      json.skipSpace();
      if (!edge.compact()) edge.general();
      request[k] = edge.request;
      offer[k] = edge.offer;
      score[k] = edge.score;
      k++;
    } while (json.more(0x5d));
  }
  return { count: k, request, offer, score };
}

const EDGE_OPEN = asciiBytes(['{"request":"'])[0];
const EDGE_OFFER = asciiBytes(['","offer":"'])[0];
const EDGE_SCORE = asciiBytes(['","score":'])[0];

/** Reads one edge object into its fields. */
class EdgeReader {
  request = -1;
  offer = -1;
  score = 0;

  constructor(
    private readonly json: JsonBytes,
    private readonly requests: IdTable,
    private readonly offers: IdTable,
  ) {}

  /**
   * The usual layout, `{"request":"…","offer":"…","score":…}` with printable ASCII ids, read
   * without the general machinery. False (cursor unchanged) for any other layout.
   */
  compact(): boolean {
    const json = this.json;
    const b = json.bytes;
    const start = json.pos;
    let p = startsWith(b, start, EDGE_OPEN);
    if (p < 0 || (p = this.plainId(p, this.requests)) < 0) return false;
    this.request = this.found;
    if ((p = startsWith(b, p, EDGE_OFFER)) < 0 || (p = this.plainId(p, this.offers)) < 0) return false;
    this.offer = this.found;
    if ((p = startsWith(b, p, EDGE_SCORE)) < 0) return false;
    json.pos = p;
    const score = json.readNumber();
    if (!Number.isFinite(score) || b[json.pos] !== 0x7d) {
      json.pos = start;
      return false;
    }
    json.pos++;
    this.score = score;
    return true;
  }

  private found = -1;

  /** A known printable-ASCII id at p, up to its closing quote: sets `found`, returns the quote's position, or −1. */
  private plainId(p: number, ids: IdTable): number {
    const b = this.json.bytes;
    const end = this.json.length;
    const start = p;
    let h = HASH_SEED;
    for (;;) {
      if (p >= end) return -1;
      const c = b[p];
      if (c === 0x22) break;
      if (c < 0x20 || c >= 0x80 || c === 0x5c) return -1;
      h = Math.imul(h ^ c, HASH_PRIME);
      p++;
    }
    this.found = ids.findBytes(b, start, p, h);
    return this.found < 0 ? -1 : p;
  }

  /** Any layout: white space, keys in any order, extra keys, escapes. */
  general(): void {
    const json = this.json;
    let seen = 0;
    json.expect(0x7b);
    if (json.accept(0x7d)) notHandled();
    do {
      const key = json.readKey(EDGE, EDGE_BYTES);
      if (key === 0) {
        if (seen & 1) notHandled();
        seen |= 1;
        this.request = readId(json, this.requests);
      } else if (key === 1) {
        if (seen & 2) notHandled();
        seen |= 2;
        this.offer = readId(json, this.offers);
      } else if (key === 2) {
        if (seen & 4) notHandled();
        seen |= 4;
        this.score = json.readNumber();
        if (!Number.isFinite(this.score)) notHandled();
      } else {
        json.skipValue();
      }
    } while (json.more(0x7d));
    if (seen !== 7) notHandled();
  }
}

/** The position after `literal` if the bytes at p start with it, else −1. */
function startsWith(b: Uint8Array, p: number, literal: Uint8Array): number {
  for (let k = 0; k < literal.length; k++) if (b[p + k] !== literal[k]) return -1;
  return p + literal.length;
}

/** The index of the id at the cursor; an unknown id leaves the fast path. */
function readId(json: JsonBytes, ids: IdTable): number {
  json.scanString();
  const index = json.stringPlain
    ? ids.findBytes(json.bytes, json.stringStart, json.stringEnd, json.stringHash)
    : ids.find(json.decodeString());
  if (index < 0) notHandled();
  return index;
}
