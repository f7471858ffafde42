/**
 * Turns untrusted input (a parsed JSON value or its text) into a CompiledInstance, or throws an
 * InstanceError whose one-line message names the offending field, e.g.
 * `edges[12].offer: unknown offer "X"`. One pass over the data plus one counting sort, so it
 * stays cheap next to JSON.parse even at a million edges.
 */
import type { AssignmentInstance, CompiledInstance } from "./types";

export class InstanceError extends Error {
  override name = "InstanceError";
}

/** Demand and capacity are stored in Int32Array. */
export const MAX_COUNT = 2_147_483_647;

export function parseInstanceJson(text: string): CompiledInstance {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InstanceError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return compileInstance(value);
}

/** Already validated and indexed (the solver accepts either form). */
export function isCompiledInstance(value: AssignmentInstance | CompiledInstance): value is CompiledInstance {
  return (value as CompiledInstance).edgeScore instanceof Float64Array;
}

export function compileInstance(value: unknown): CompiledInstance {
  if (!isRecord(value)) {
    throw new InstanceError(
      `instance: expected an object with "requests", "offers" and "edges" arrays, got ${describe(value)}`,
    );
  }
  const requests = arrayField(value, "requests");
  const offers = arrayField(value, "offers");
  const edges = arrayField(value, "edges");

  const n = requests.length;
  const requestIds: string[] = new Array(n);
  const demand = new Int32Array(n);
  const requestIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const r = requests[i];
    if (!isRecord(r))
      throw new InstanceError(`requests[${i}]: expected an object with "id" and "demand", got ${describe(r)}`);
    const id = idField(r.id, `requests[${i}].id`);
    const first = requestIndex.get(id);
    if (first !== undefined)
      throw new InstanceError(`requests[${i}].id: duplicate request id ${quote(id)} (also requests[${first}])`);
    requestIndex.set(id, i);
    requestIds[i] = id;
    demand[i] = countField(r.demand, `requests[${i}].demand`);
  }

  const m = offers.length;
  const offerIds: string[] = new Array(m);
  const capacity = new Int32Array(m);
  const offerIndex = new Map<string, number>();
  for (let j = 0; j < m; j++) {
    const o = offers[j];
    if (!isRecord(o))
      throw new InstanceError(`offers[${j}]: expected an object with "id" and "capacity", got ${describe(o)}`);
    const id = idField(o.id, `offers[${j}].id`);
    const first = offerIndex.get(id);
    if (first !== undefined)
      throw new InstanceError(`offers[${j}].id: duplicate offer id ${quote(id)} (also offers[${first}])`);
    offerIndex.set(id, j);
    offerIds[j] = id;
    capacity[j] = countField(o.capacity, `offers[${j}].capacity`);
  }

  const edgeCount = edges.length;
  const edgeRequest = new Int32Array(edgeCount);
  const edgeOffer = new Int32Array(edgeCount);
  const edgeScore = new Float64Array(edgeCount);
  for (let k = 0; k < edgeCount; k++) {
    const e = edges[k];
    if (!isRecord(e))
      throw new InstanceError(
        `edges[${k}]: expected an object with "request", "offer" and "score", got ${describe(e)}`,
      );
    const request = e.request;
    const ri = typeof request === "string" ? requestIndex.get(request) : undefined;
    if (ri === undefined) {
      throw new InstanceError(
        typeof request === "string"
          ? `edges[${k}].request: unknown request ${quote(request)}`
          : `edges[${k}].request: expected a request id (string), got ${describe(request)}`,
      );
    }
    const offer = e.offer;
    const oi = typeof offer === "string" ? offerIndex.get(offer) : undefined;
    if (oi === undefined) {
      throw new InstanceError(
        typeof offer === "string"
          ? `edges[${k}].offer: unknown offer ${quote(offer)}`
          : `edges[${k}].offer: expected an offer id (string), got ${describe(offer)}`,
      );
    }
    const score = e.score;
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw new InstanceError(`edges[${k}].score: expected a finite number, got ${describe(score)}`);
    }
    edgeRequest[k] = ri;
    edgeOffer[k] = oi;
    edgeScore[k] = score;
  }

  const compiled: CompiledInstance = { requestIds, offerIds, demand, capacity, edgeRequest, edgeOffer, edgeScore };
  rejectDuplicatePairs(compiled);
  return compiled;
}

/**
 * A pair given twice is almost always an upstream bug (and "which score counts?" has no good
 * answer), so it is rejected rather than merged. Counting sort by request, then one stamp per
 * offer: O(edges).
 */
export function rejectDuplicatePairs(inst: CompiledInstance): void {
  const n = inst.requestIds.length;
  const m = inst.offerIds.length;
  const { edgeRequest, edgeOffer } = inst;
  const edgeCount = edgeRequest.length;
  const start = new Int32Array(n + 1);
  for (let k = 0; k < edgeCount; k++) start[edgeRequest[k] + 1]++;
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const fill = start.slice(0, n);
  const byRequest = new Int32Array(edgeCount);
  for (let k = 0; k < edgeCount; k++) byRequest[fill[edgeRequest[k]]++] = k;

  const seenBy = new Int32Array(m).fill(-1);
  const seenAt = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    for (let q = start[i]; q < start[i + 1]; q++) {
      const k = byRequest[q];
      const j = edgeOffer[k];
      if (seenBy[j] === i) {
        throw new InstanceError(
          `edges[${k}]: duplicate pair (request ${quote(inst.requestIds[i])}, offer ${quote(inst.offerIds[j])}), also edges[${seenAt[j]}]`,
        );
      }
      seenBy[j] = i;
      seenAt[j] = k;
    }
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function arrayField(value: Record<string, unknown>, name: string): unknown[] {
  const field = value[name];
  if (!Array.isArray(field)) throw new InstanceError(`${name}: expected an array, got ${describe(field)}`);
  return field;
}

export function idField(value: unknown, path: string): string {
  if (typeof value !== "string" || value.length === 0) {
    throw new InstanceError(`${path}: expected a non-empty string, got ${describe(value)}`);
  }
  return value;
}

function countField(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
    throw new InstanceError(`${path}: expected a non-negative integer, got ${describe(value)}`);
  }
  if (value > MAX_COUNT) throw new InstanceError(`${path}: ${value} is too large (at most ${MAX_COUNT})`);
  return value;
}

export function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

/** A short, single-line description of a bad value for an error message. */
export function describe(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${quote(value)}`;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value;
}
