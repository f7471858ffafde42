/**
 * The "edges" array of an instance file, read from its bytes into typed arrays: the bulk of any
 * large instance, so the usual compact layout has its own path and anything else takes the
 * general one (white space, any key order, extra keys, escaped ids). Part of fast-parse.ts.
 */
import type { IdTable } from "./id-table";
import { asciiBytes, HASH_PRIME, HASH_SEED, type JsonBytes, notHandled } from "./json-bytes";

const EDGE = ["request", "offer", "score"];
const EDGE_BYTES = asciiBytes(EDGE);

/** The smallest edge, `{"request":"r","offer":"o","score":0}`, plus its comma. */
const MIN_EDGE_BYTES = 38;

export interface Edges {
  count: number;
  request: Int32Array;
  offer: Int32Array;
  score: Float64Array;
}

export function readEdges(json: JsonBytes, requests: IdTable, offers: IdTable): Edges {
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

const EDGE_OPEN = literal('{"request":"');
const EDGE_OFFER = literal('","offer":"');
const EDGE_SCORE = literal('","score":');

/** Reads one edge object into its fields. */
class EdgeReader {
  request = -1;
  offer = -1;
  score = 0;

  private readonly view: DataView;

  constructor(
    private readonly json: JsonBytes,
    private readonly requests: IdTable,
    private readonly offers: IdTable,
  ) {
    this.view = new DataView(json.bytes.buffer, json.bytes.byteOffset, json.bytes.byteLength);
  }

  /**
   * The usual layout, `{"request":"…","offer":"…","score":…}` with printable ASCII ids, read
   * without the general machinery. False (cursor unchanged) for any other layout.
   */
  compact(): boolean {
    const json = this.json;
    const b = json.bytes;
    const start = json.pos;
    let p = startsWith(this.view, start, EDGE_OPEN);
    if (p < 0 || (p = this.plainId(p, this.requests)) < 0) return false;
    this.request = this.found;
    if ((p = startsWith(this.view, p, EDGE_OFFER)) < 0 || (p = this.plainId(p, this.offers)) < 0) return false;
    this.offer = this.found;
    if ((p = startsWith(this.view, p, EDGE_SCORE)) < 0) return false;
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

/** A literal as little-endian 32-bit words at `at` (the last one may overlap): four bytes per comparison. */
interface Literal {
  length: number;
  at: number[];
  words: number[];
}

function literal(text: string): Literal {
  const bytes = asciiBytes([text])[0];
  const view = new DataView(bytes.buffer);
  const at: number[] = [];
  for (let k = 0; k < bytes.length; k += 4) at.push(Math.min(k, bytes.length - 4));
  return { length: bytes.length, at, words: at.map((k) => view.getUint32(k, true)) };
}

/** The position after `lit` if the bytes at p start with it, else −1. */
function startsWith(view: DataView, p: number, lit: Literal): number {
  if (p + lit.length > view.byteLength) return -1;
  for (let k = 0; k < lit.at.length; k++) if (view.getUint32(p + lit.at[k], true) !== lit.words[k]) return -1;
  return p + lit.length;
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
