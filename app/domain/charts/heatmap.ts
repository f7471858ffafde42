import { HEAT_SHADES, HEAT_TEXT, shadeIndex } from "./colours";

/**
 * Geometry of a heatmap of counts: rows grouped under headings, one cell per column, each
 * shaded by its count and always carrying the count as text, so the shade is never the only cue.
 */
export type HeatmapRow = { kind: "group"; label: string } | { kind: "cells"; label: string; values: readonly number[] };

export interface HeatmapOptions {
  labelWidth: number;
  cellWidth: number;
  cellHeight: number;
  groupHeight: number;
  /** Room above the first row, for column headings. */
  top: number;
  columns: readonly string[];
}

export interface HeatmapCell {
  row: number;
  column: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  textFill: string;
}

export interface HeatmapLayout {
  width: number;
  height: number;
  max: number;
  columns: { label: string; centreX: number }[];
  groups: { label: string; y: number }[];
  rows: { index: number; label: string; y: number; centreY: number }[];
  cells: HeatmapCell[];
}

export function heatmapLayout(rows: readonly HeatmapRow[], options: HeatmapOptions): HeatmapLayout {
  const max = Math.max(0, ...rows.flatMap((r) => (r.kind === "cells" ? r.values : [])));
  const columns = options.columns.map((label, i) => ({
    label,
    centreX: options.labelWidth + (i + 0.5) * options.cellWidth,
  }));
  const groups: HeatmapLayout["groups"] = [];
  const laidOut: HeatmapLayout["rows"] = [];
  const cells: HeatmapCell[] = [];
  let y = options.top;
  for (const row of rows) {
    if (row.kind === "group") {
      groups.push({ label: row.label, y });
      y += options.groupHeight;
      continue;
    }
    const index = laidOut.length;
    laidOut.push({ index, label: row.label, y, centreY: y + options.cellHeight / 2 });
    options.columns.forEach((_, column) => {
      const value = row.values[column] ?? 0;
      const shade = shadeIndex(value, max);
      cells.push({
        row: index,
        column,
        value,
        x: options.labelWidth + column * options.cellWidth,
        y,
        width: options.cellWidth,
        height: options.cellHeight,
        fill: HEAT_SHADES[shade],
        textFill: HEAT_TEXT[shade],
      });
    });
    y += options.cellHeight;
  }
  return {
    width: options.labelWidth + options.columns.length * options.cellWidth,
    height: y,
    max,
    columns,
    groups,
    rows: laidOut,
    cells,
  };
}
