/**
 * Summary statistics for dashboards. Each returns null for no data, so a page can say "no data"
 * instead of showing a misleading zero.
 */

function checkFinite(values: readonly number[]) {
  for (const value of values) if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  checkFinite(values);
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/**
 * The p-th percentile (0 to 100), interpolating linearly between the two nearest ranks: the
 * method of Excel's PERCENTILE.INC, R's default (type 7) and NumPy's default, so figures can be
 * checked by hand in a spreadsheet.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`Percentile must be between 0 and 100, not ${p}`);
  if (values.length === 0) return null;
  checkFinite(values);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const below = Math.floor(rank);
  const above = Math.ceil(rank);
  return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
}

export const median = (values: readonly number[]) => percentile(values, 50);

/** Rounds half away from zero to the given number of decimal places; null stays null. */
export function roundTo(value: number | null, places: number): number | null {
  if (value === null) return null;
  const factor = 10 ** places;
  const rounded = (Math.sign(value) * Math.round(Math.abs(value) * factor)) / factor;
  // -0 would print as "-0" in some places.
  return rounded === 0 ? 0 : rounded;
}
