/**
 * A small seeded generator (mulberry32), so that two runs with the same seed write the same
 * data, ids included. Not for anything secret.
 */
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer from min to max, both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** `count` distinct items (all of them when there are fewer), in random order. */
  sample<T>(items: readonly T[], count: number): T[];
  shuffle<T>(items: T[]): T[];
  /** Roughly normal, mean 0 and standard deviation 1 (sum of uniforms). */
  normal(): number;
  /** A version-4 UUID drawn from this generator. */
  uuid(): string;
}

export function createRandom(seed: number): Random {
  let state = seed | 0;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const word = () => Math.floor(next() * 4294967296);
  const hex = (value: number, digits: number) => value.toString(16).padStart(digits, "0");
  const random: Random = {
    next,
    int,
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new Error("Cannot pick from an empty list");
      return items[Math.floor(next() * items.length)];
    },
    sample: (items, count) => random.shuffle([...items]).slice(0, Math.max(0, count)),
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
    normal: () => next() + next() + next() + next() + next() + next() - 3,
    uuid: () => {
      const a = word();
      const b = word();
      const c = word();
      const d = word();
      const version = ((b & 0x0fff) | 0x4000) >>> 0;
      const variant = (((c >>> 16) & 0x3fff) | 0x8000) >>> 0;
      return `${hex(a, 8)}-${hex(b >>> 16, 4)}-${hex(version, 4)}-${hex(variant, 4)}-${hex(c & 0xffff, 4)}${hex(d, 8)}`;
    },
  };
  return random;
}

/** A seed from the clock, for runs without --seed; printed so the run can be repeated. */
export const clockSeed = () => (Date.now() ^ (process.pid << 16)) >>> 0;

/**
 * Picks by weight in O(log n): built once for a list (word frequencies, shares of statuses) and
 * used many times.
 */
export function weightedPicker<T>(items: readonly T[], weights: readonly number[]): (random: Random) => T {
  if (items.length === 0 || items.length !== weights.length)
    throw new Error("A weighted list needs one weight per item");
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) {
    total += Math.max(0, w);
    cumulative.push(total);
  }
  if (total <= 0) throw new Error("A weighted list needs a positive weight");
  return (random) => {
    const target = random.next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid] > target) high = mid;
      else low = mid + 1;
    }
    return items[low];
  };
}

/** Zipf weights 1/rank^s: a few items common, most rare, as words are in real text. */
export const zipfWeights = (count: number, exponent = 1) =>
  Array.from({ length: count }, (_, i) => 1 / Math.pow(i + 1, exponent));

/** A picker over a list already ordered from most to least common. */
export const zipfPicker = <T>(items: readonly T[], exponent = 1) =>
  weightedPicker(items, zipfWeights(items.length, exponent));
