import { linearScale, niceAxis } from "./scale";

/**
 * Geometry of a horizontal bar chart: one row per category, one bar per series in each row.
 * Bars grow from zero, rightwards for positive values and leftwards for negative ones, so the
 * same layout draws plain, grouped and diverging charts.
 */
export interface BarLayoutOptions {
  width: number;
  /** Room on the left for category labels. */
  labelWidth: number;
  /** Room beyond bar ends for value labels (on the left too once there are negative values). */
  valueGutter: number;
  barHeight: number;
  /** Between the bars of one category. */
  barGap: number;
  /** Between categories. */
  categoryGap: number;
  /** Room above the first category, for a legend. */
  top: number;
  /** Room below the last category, for tick labels. */
  axisHeight: number;
  tickCount?: number;
  /** Counts: ticks on whole numbers only. */
  integer?: boolean;
  /** Changes: a domain symmetric about zero. */
  symmetric?: boolean;
  /** Every series of a category on one row, drawn over each other (a value against its limit). */
  overlay?: boolean;
}

export interface BarGeometry {
  category: number;
  series: number;
  /** Null draws no bar: the value is missing, not zero. */
  value: number | null;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Where the value label goes, and which way it runs from there. */
  labelX: number;
  labelY: number;
  anchor: "start" | "end";
}

export interface BarLayout {
  width: number;
  height: number;
  zeroX: number;
  plot: { left: number; right: number; top: number; bottom: number };
  ticks: { value: number; x: number }[];
  categories: { index: number; y: number; centreY: number }[];
  bars: BarGeometry[];
}

const LABEL_PAD = 4;

/** `series[s][c]` is the value of series s in category c. */
export function barLayout(series: readonly (readonly (number | null)[])[], options: BarLayoutOptions): BarLayout {
  const categoryCount = Math.max(0, ...series.map((s) => s.length));
  const seriesCount = Math.max(1, series.length);
  const stacked = options.overlay ? 1 : seriesCount;
  const groupHeight = stacked * options.barHeight + (stacked - 1) * options.barGap;
  const present = series.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  const axis = niceAxis(present, {
    count: options.tickCount ?? 5,
    integer: options.integer,
    symmetric: options.symmetric,
  });

  const left = options.labelWidth + (axis.domain[0] < 0 ? options.valueGutter : 0);
  const right = Math.max(left + 1, options.width - options.valueGutter);
  const x = linearScale(axis.domain, [left, right]);
  const zeroX = x(0);
  const top = options.top;
  const bottom =
    categoryCount === 0 ? top : top + categoryCount * groupHeight + (categoryCount - 1) * options.categoryGap;

  const categories = Array.from({ length: categoryCount }, (_, index) => {
    const y = top + index * (groupHeight + options.categoryGap);
    return { index, y, centreY: y + groupHeight / 2 };
  });

  const bars: BarGeometry[] = [];
  for (const { index: category, y: groupY } of categories) {
    series.forEach((values, s) => {
      const raw = values[category];
      const value = raw === undefined || raw === null || !Number.isFinite(raw) ? null : raw;
      const y = options.overlay ? groupY : groupY + s * (options.barHeight + options.barGap);
      const labelY = y + options.barHeight / 2;
      if (value === null || value === 0) {
        bars.push({
          category,
          series: s,
          value,
          x: zeroX,
          y,
          width: 0,
          height: options.barHeight,
          labelX: zeroX + LABEL_PAD,
          labelY,
          anchor: "start",
        });
      } else if (value > 0) {
        const width = x(value) - zeroX;
        bars.push({
          category,
          series: s,
          value,
          x: zeroX,
          y,
          width,
          height: options.barHeight,
          labelX: zeroX + width + LABEL_PAD,
          labelY,
          anchor: "start",
        });
      } else {
        const start = x(value);
        bars.push({
          category,
          series: s,
          value,
          x: start,
          y,
          width: zeroX - start,
          height: options.barHeight,
          labelX: start - LABEL_PAD,
          labelY,
          anchor: "end",
        });
      }
    });
  }

  return {
    width: options.width,
    height: bottom + options.axisHeight,
    zeroX,
    plot: { left, right, top, bottom },
    ticks: axis.ticks.map((value) => ({ value, x: x(value) })),
    categories,
    bars,
  };
}
