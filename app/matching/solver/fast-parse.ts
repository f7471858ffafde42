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
import { readEdges, type Edges } from "./fast-edges";
import { asciiBytes, JsonBytes, NOT_HANDLED, notHandled } from "./json-bytes";
import type { CompiledInstance } from "./types";

const TOP = ["requests", "offers", "edges", "groups"];
const REQUEST = ["id", "demand"];
const OFFER = ["id", "capacity"];
const TOP_BYTES = asciiBytes(TOP);
const REQUEST_BYTES = asciiBytes(REQUEST);
const OFFER_BYTES = asciiBytes(OFFER);

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
    // Views, not copies: the unused tail of each array was never written, so it is not resident.
    edgeRequest: edges.request.subarray(0, edges.count),
    edgeOffer: edges.offer.subarray(0, edges.count),
    edgeScore: edges.score.subarray(0, edges.count),
  };
  rejectDuplicatePairs(instance);
  // Groups are few: JSON.parse reads them and compileGroups checks them, as on the text path.
  const groupsValue = groupsAt >= 0 ? json.parseSlice(groupsAt, groupsEnd) : undefined;
  return { instance, groups: compileGroups(groupsValue, instance) };
}

/** An array of `{"id": non-empty string, <count>: integer in [0, MAX_COUNT]}`, ids all distinct. */
function readCounts(json: JsonBytes, ids: IdTable, names: string[], bytes: Uint8Array[]): Int32Array {
  let counts = new Int32Array(1 << 10);
  json.expect(0x5b);
  if (json.accept(0x5d)) return new Int32Array(0);
  do {
    // The id: a string (escapes, non-ASCII), or else bytes[from, to) with hash h.
    let id: string | null = null;
    let from = -1;
    let to = -1;
    let h = 0;
    let count = -1;
    json.expect(0x7b);
    if (json.accept(0x7d)) notHandled();
    do {
      const key = json.readKey(names, bytes);
      if (key === 0) {
        if (id !== null || from >= 0) notHandled();
        json.scanString();
        if (json.stringPlain) {
          from = json.stringStart;
          to = json.stringEnd;
          h = json.stringHash;
        } else id = json.decodeString();
      } else if (key === 1) {
        if (count >= 0) notHandled();
        const value = json.readNumber();
        if (!Number.isInteger(value) || value < 0 || value > MAX_COUNT) notHandled();
        count = value;
      } else {
        json.skipValue();
      }
    } while (json.more(0x7d));
    if (count < 0) notHandled();
    const added =
      from >= 0 ? from < to && ids.addPlain(json.bytes, from, to, h) : id !== null && id.length > 0 && ids.add(id);
    if (!added) notHandled();
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
