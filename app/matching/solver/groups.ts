/**
 * Shared capacity: a group of offers that together take at most `capacity` requests (say, several
 * sessions run by one team). Each offer is in at most one group; offers in no group keep only
 * their own capacity. Validated like the rest of the instance, one line per problem.
 */
import { compileInstance, describe, idField, InstanceError, isRecord, MAX_COUNT, quote } from "./instance";
import type { CompiledInstance } from "./types";

export interface GroupInput {
  id: string;
  capacity: number;
  offers: string[];
}

export interface CompiledGroups {
  ids: string[];
  capacity: Int32Array;
  /** Per offer: the index of its group, or −1. */
  groupOf: Int32Array;
}

/** `value` is the instance's "groups" field (undefined or null: no groups). */
export function compileGroups(value: unknown, inst: CompiledInstance): CompiledGroups | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) throw new InstanceError(`groups: expected an array, got ${describe(value)}`);
  const offerIndex = new Map(inst.offerIds.map((id, j) => [id, j]));
  const ids: string[] = [];
  const capacity = new Int32Array(value.length);
  const groupOf = new Int32Array(inst.offerIds.length).fill(-1);
  const seen = new Map<string, number>();
  value.forEach((group: unknown, q) => {
    const at = `groups[${q}]`;
    if (!isRecord(group))
      throw new InstanceError(`${at}: expected an object with "id", "capacity" and "offers", got ${describe(group)}`);
    const id = idField(group.id, `${at}.id`);
    const first = seen.get(id);
    if (first !== undefined)
      throw new InstanceError(`${at}.id: duplicate group id ${quote(id)} (also groups[${first}])`);
    seen.set(id, q);
    ids.push(id);
    const cap = group.capacity;
    if (typeof cap !== "number" || !Number.isInteger(cap) || cap <= 0) {
      throw new InstanceError(`${at}.capacity: expected a positive integer, got ${describe(cap)}`);
    }
    if (cap > MAX_COUNT) throw new InstanceError(`${at}.capacity: ${cap} is too large (at most ${MAX_COUNT})`);
    capacity[q] = cap;
    if (!Array.isArray(group.offers))
      throw new InstanceError(`${at}.offers: expected an array of offer ids, got ${describe(group.offers)}`);
    group.offers.forEach((offer: unknown, k) => {
      const j = typeof offer === "string" ? offerIndex.get(offer) : undefined;
      if (j === undefined) {
        throw new InstanceError(
          typeof offer === "string"
            ? `${at}.offers[${k}]: unknown offer ${quote(offer)}`
            : `${at}.offers[${k}]: expected an offer id, got ${describe(offer)}`,
        );
      }
      if (groupOf[j] === q)
        throw new InstanceError(`${at}.offers[${k}]: offer ${quote(offer as string)} is listed twice in this group`);
      if (groupOf[j] >= 0)
        throw new InstanceError(
          `${at}.offers[${k}]: offer ${quote(offer as string)} is already in group ${quote(ids[groupOf[j]])}`,
        );
      groupOf[j] = q;
    });
  });
  return { ids, capacity, groupOf };
}

/** An instance's JSON text with its optional "groups" field. */
export function parseGroupedInstanceJson(text: string): { instance: CompiledInstance; groups: CompiledGroups | null } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InstanceError(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const instance = compileInstance(value);
  return { instance, groups: compileGroups((value as Record<string, unknown>).groups, instance) };
}
