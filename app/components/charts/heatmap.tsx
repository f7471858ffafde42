import { heatmapLayout, type HeatmapCell, type HeatmapRow } from "~/domain/charts/heatmap";
import { CHART_COLOURS } from "~/domain/charts/colours";
import { fitLabel, formatNumber } from "~/domain/charts/scale";
import { CHART_FONT_SIZE, ChartSvg, px } from "./chart-svg";

/**
 * Counts in a grid, shaded light to dark by size, with the count printed in every cell so the
 * shade is never the only way to read it.
 */
export function Heatmap({
  id,
  title,
  description,
  columns,
  rows,
  width = 640,
  labelWidth = 290,
}: {
  id: string;
  title: string;
  description: string;
  columns: { label: string; sublabel?: string }[];
  rows: HeatmapRow[];
  width?: number;
  labelWidth?: number;
}) {
  const cellWidth = Math.floor((width - labelWidth) / Math.max(1, columns.length));
  const layout = heatmapLayout(rows, {
    labelWidth,
    cellWidth,
    cellHeight: 26,
    groupHeight: 30,
    top: 44,
    columns: columns.map((c) => c.label),
  });
  return (
    <ChartSvg id={id} title={title} description={description} width={width} height={layout.height + 2}>
      {layout.columns.map((c, i) => (
        <text key={c.label} x={c.centreX} y={16} textAnchor="middle">
          <tspan fontWeight="bold">{c.label}</tspan>
          {columns[i].sublabel ? (
            <tspan x={c.centreX} dy={18} fontSize={12} fill={CHART_COLOURS.secondaryText}>
              {columns[i].sublabel}
            </tspan>
          ) : null}
        </text>
      ))}
      {layout.groups.map((g) => (
        <text key={g.label} x={0} y={g.y + 20} fontWeight="bold">
          {fitLabel(g.label, width, CHART_FONT_SIZE)}
        </text>
      ))}
      <g textAnchor="end" dominantBaseline="central">
        {layout.rows.map((r) => (
          <text key={r.index} x={labelWidth - 10} y={r.centreY}>
            {fitLabel(r.label, labelWidth - 14, CHART_FONT_SIZE)}
          </text>
        ))}
      </g>
      {/* One outline per shade, each cell a square in it: a heatmap has many cells and few shades. */}
      <g stroke={CHART_COLOURS.background} strokeWidth={2}>
        {[...cellsByFill(layout.cells)].map(([fill, cells]) => (
          <path
            key={fill}
            fill={fill}
            d={cells.map((c) => `M${px(c.x)} ${px(c.y)}h${px(c.width)}v${px(c.height)}h${px(-c.width)}z`).join("")}
          />
        ))}
      </g>
      <g textAnchor="middle" dominantBaseline="central">
        {layout.cells.map((cell) => (
          <text
            key={`${cell.row}-${cell.column}`}
            x={px(cell.x + cell.width / 2)}
            y={px(cell.y + cell.height / 2)}
            fill={cell.textFill === CHART_COLOURS.text ? undefined : cell.textFill}
          >
            {formatNumber(cell.value)}
          </text>
        ))}
      </g>
    </ChartSvg>
  );
}

function cellsByFill(cells: HeatmapCell[]): Map<string, HeatmapCell[]> {
  const groups = new Map<string, HeatmapCell[]>();
  for (const cell of cells) {
    const group = groups.get(cell.fill);
    if (group) group.push(cell);
    else groups.set(cell.fill, [cell]);
  }
  return groups;
}
