/**
 * Ids in input order, looked up straight from a JSON document's bytes: an edge names its request
 * and offer by id, and making a JS string for each of a million edges only to look it up in a
 * Map would cost as much as JSON.parse. Ids made of printable ASCII (all of them, in practice)
 * live in an open-addressing table keyed by their bytes; any other id lives in a Map.
 */
import { HASH_PRIME, HASH_SEED } from "./json-bytes";

export class IdTable {
  readonly ids: string[] = [];
  /** Per slot: 1 + the index of the id there, or 0 if free. Kept at most half full. */
  private slots: Int32Array = new Int32Array(1 << 10);
  /** Per index: where its bytes are in `pool` (printable ASCII ids only) and their hash. */
  private from: Int32Array = new Int32Array(1 << 9);
  private to: Int32Array = new Int32Array(1 << 9);
  private hashes: Int32Array = new Int32Array(1 << 9);
  private pool: Uint8Array = new Uint8Array(1 << 12);
  private poolEnd = 0;
  private others = new Map<string, number>();

  get size(): number {
    return this.ids.length;
  }

  /** Appends a new id; false (and no change) if it is already there. */
  add(id: string): boolean {
    if (isPlain(id)) {
      const h = hashString(id);
      if (this.findHashed(id, h) >= 0) return false;
      const start = this.claim(id.length);
      for (let k = 0; k < id.length; k++) this.pool[start + k] = id.charCodeAt(k);
      this.append(id, start, h);
      return true;
    }
    if (this.others.has(id)) return false;
    const index = this.ids.length;
    this.others.set(id, index);
    this.ids.push(id);
    this.reserve(index);
    this.from[index] = this.to[index] = -1;
    return true;
  }

  /**
   * Appends the printable-ASCII id in `bytes[start, end)` whose hash (as JsonBytes computes it)
   * is `h`; false (and no change) if it is already there. Saves add's passes over a new string.
   */
  addPlain(bytes: Uint8Array, start: number, end: number, h: number): boolean {
    if (this.findBytes(bytes, start, end, h) >= 0) return false;
    const at = this.claim(end - start);
    let id = "";
    for (let p = start; p < end; p++) {
      const c = bytes[p];
      this.pool[at + p - start] = c;
      id += String.fromCharCode(c);
    }
    this.append(id, at, h);
    return true;
  }

  /** Room for `size` more bytes in the pool; returns where they go. */
  private claim(size: number): number {
    while (this.poolEnd + size > this.pool.length) this.pool = growBytes(this.pool, this.pool.length * 2);
    const start = this.poolEnd;
    this.poolEnd += size;
    return start;
  }

  /** Records a plain id whose bytes are now at pool[start, poolEnd). */
  private append(id: string, start: number, h: number): void {
    const index = this.ids.length;
    this.reserve(index);
    this.from[index] = start;
    this.to[index] = this.poolEnd;
    this.hashes[index] = h;
    this.ids.push(id);
    if (2 * this.ids.length > this.slots.length) this.rehash(this.slots.length * 2);
    else this.insert(index, h);
  }

  /**
   * The index of the printable-ASCII id in `bytes[start, end)` whose hash (as JsonBytes computes
   * it) is `h`, or −1.
   */
  findBytes(bytes: Uint8Array, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const size = end - start;
    const pool = this.pool;
    for (let s = mix(h) & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s];
      if (slot === 0) return -1;
      const i = slot - 1;
      if (this.hashes[i] !== h) continue;
      const from = this.from[i];
      if (this.to[i] - from !== size) continue;
      let k = 0;
      while (k < size && pool[from + k] === bytes[start + k]) k++;
      if (k === size) return i;
    }
  }

  /** The index of any id, or −1. */
  find(id: string): number {
    if (!isPlain(id)) return this.others.get(id) ?? -1;
    return this.findHashed(id, hashString(id));
  }

  private findHashed(id: string, h: number): number {
    const mask = this.slots.length - 1;
    for (let s = mix(h) & mask; ; s = (s + 1) & mask) {
      const slot = this.slots[s];
      if (slot === 0) return -1;
      const i = slot - 1;
      if (this.hashes[i] !== h || this.to[i] - this.from[i] !== id.length) continue;
      let k = 0;
      while (k < id.length && this.pool[this.from[i] + k] === id.charCodeAt(k)) k++;
      if (k === id.length) return i;
    }
  }

  private reserve(index: number): void {
    if (index < this.from.length) return;
    const size = this.from.length * 2;
    this.from = grow(this.from, size);
    this.to = grow(this.to, size);
    this.hashes = grow(this.hashes, size);
  }

  private insert(index: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = mix(h) & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = index + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let i = 0; i < this.ids.length; i++) if (this.from[i] >= 0) this.insert(i, this.hashes[i]);
  }
}

/** Printable ASCII with no quote or backslash: exactly the ids JsonBytes reads as plain bytes. */
function isPlain(id: string): boolean {
  for (let k = 0; k < id.length; k++) {
    const c = id.charCodeAt(k);
    if (c < 0x20 || c >= 0x80 || c === 0x22 || c === 0x5c) return false;
  }
  return true;
}

function hashString(id: string): number {
  let h = HASH_SEED;
  for (let k = 0; k < id.length; k++) h = Math.imul(h ^ id.charCodeAt(k), HASH_PRIME);
  return h;
}

/** FNV's low bits are weak on short ids differing only in their last characters; fold the high ones in. */
function mix(h: number): number {
  return h ^ (h >>> 16);
}

function grow(array: Int32Array, size: number): Int32Array {
  const bigger = new Int32Array(size);
  bigger.set(array);
  return bigger;
}

function growBytes(array: Uint8Array, size: number): Uint8Array {
  const bigger = new Uint8Array(size);
  bigger.set(array);
  return bigger;
}
