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

/** The literal parts of the compact layout as little-endian 32-bit words at 0, 4 and 8 (or the last four bytes). */
const OPEN = words('{"request":"');
const OFFER = words('","offer":"');
const SCORE = words('","score":');

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
   * without the general machinery. False (cursor unchanged) for any other layout. One flat
   * function: it runs unoptimised for the first many thousand edges, where calls are dear.
   */
  compact(): boolean {
    const json = this.json;
    const b = json.bytes;
    const view = this.view;
    const end = json.length;
    let p = json.pos;
    // {"request":"
    if (p + 12 > end || view.getUint32(p, true) !== OPEN[0] || view.getUint32(p + 4, true) !== OPEN[1]) return false;
    if (view.getUint32(p + 8, true) !== OPEN[2]) return false;
    p += 12;
    let from = p;
    let h = HASH_SEED;
    let c = 0;
    while (p < end && (c = b[p]) >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c) {
      h = Math.imul(h ^ c, HASH_PRIME);
      p++;
    }
    if (c !== 0x22 || p >= end) return false;
    const request = this.requests.findBytes(b, from, p, h);
    if (request < 0) return false;
    // ","offer":"
    if (p + 11 > end || view.getUint32(p, true) !== OFFER[0] || view.getUint32(p + 4, true) !== OFFER[1]) return false;
    if (view.getUint32(p + 7, true) !== OFFER[2]) return false;
    p += 11;
    from = p;
    h = HASH_SEED;
    c = 0;
    while (p < end && (c = b[p]) >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c) {
      h = Math.imul(h ^ c, HASH_PRIME);
      p++;
    }
    if (c !== 0x22 || p >= end) return false;
    const offer = this.offers.findBytes(b, from, p, h);
    if (offer < 0) return false;
    // ","score":
    if (p + 10 > end || view.getUint32(p, true) !== SCORE[0] || view.getUint32(p + 4, true) !== SCORE[1]) return false;
    if (view.getUint32(p + 6, true) !== SCORE[2]) return false;
    const start = json.pos;
    json.pos = p + 10;
    const score = json.readNumber();
    if (!Number.isFinite(score) || b[json.pos] !== 0x7d) {
      json.pos = start;
      return false;
    }
    json.pos++;
    this.request = request;
    this.offer = offer;
    this.score = score;
    return true;
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

function words(text: string): number[] {
  const bytes = asciiBytes([text])[0];
  const view = new DataView(bytes.buffer);
  return [0, 4, Math.min(8, bytes.length - 4)].map((k) => view.getUint32(k, true));
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
