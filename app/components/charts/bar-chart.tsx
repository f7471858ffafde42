import { barLayout } from "~/domain/charts/bars";
import { CHART_COLOURS } from "~/domain/charts/colours";
import { fitLabels, formatNumber } from "~/domain/charts/scale";
import { CHART_FONT_SIZE, ChartSvg, px } from "./chart-svg";

export interface BarSeries {
  name: string;
  values: (number | null)[];
  /** The second series is outlined, so the two differ by more than colour. */
  outlined?: boolean;
}

export interface BarChartProps {
  id: string;
  title: string;
  description: string;
  categories: string[];
  series: BarSeries[];
  /** Text beside each bar; by default the number. */
  formatValue?: (value: number, series: number, category: number) => string;
  /** Said where a value is missing, so missing never looks like zero. */
  missingLabel?: string;
  integer?: boolean;
  /** A diverging chart: zero in the middle, increases green to the right, decreases red to the left. */
  diverging?: boolean;
  axisLabel?: string;
  width?: number;
  labelWidth?: number;
  /**
   * Draws each category's bars over one another on one row, outlined series behind, with one
   * label per row from `rowLabel`: a value against its limit, such as places taken of places offered.
   */
  overlay?: { rowLabel: (category: number) => string };
}

const LEGEND_HEIGHT = 28;
const AXIS_HEIGHT = 44;

/** Horizontal bars, one row per category and one bar per series, each labelled with its value. */
export function BarChart({
  id,
  title,
  description,
  categories,
  series,
  formatValue = (v) => formatNumber(v, 1),
  missingLabel = "no data",
  integer = false,
  diverging = false,
  axisLabel,
  width = 640,
  labelWidth = 220,
  overlay,
}: BarChartProps) {
  const legend = series.length > 1;
  const barHeight = series.length > 1 && !overlay ? 16 : 20;
  const labels = fitLabels(categories, labelWidth - 12, CHART_FONT_SIZE);
  const layout = barLayout(
    series.map((s) => s.values),
    {
      width,
      labelWidth,
      valueGutter: 90,
      barHeight,
      barGap: 2,
      categoryGap: 10,
      top: legend ? LEGEND_HEIGHT + 6 : 6,
      axisHeight: AXIS_HEIGHT,
      integer,
      symmetric: diverging,
      overlay: overlay !== undefined,
    },
  );
  // Outlined series first, so a filled bar drawn over its outline stays visible.
  const bars = overlay
    ? [...layout.bars].sort(
        (a, b) => Number(series[b.series].outlined ?? false) - Number(series[a.series].outlined ?? false),
      )
    : layout.bars;
  const fillFor = (value: number | null, s: number) => {
    if (diverging) return value !== null && value < 0 ? CHART_COLOURS.decrease : CHART_COLOURS.increase;
    return series[s].outlined ? CHART_COLOURS.barAlternate : CHART_COLOURS.bar;
  };
  const rowLabelX = (category: number) =>
    Math.max(...layout.bars.filter((b) => b.category === category).map((b) => b.labelX));
  return (
    <ChartSvg id={id} title={title} description={description} width={width} height={layout.height}>
      {legend ? (
        <g dominantBaseline="central">
          {series.map((s, i) => (
            <g key={s.name} transform={`translate(${px(layout.plot.left + i * 200)} 4)`}>
              <rect
                width={16}
                height={16}
                fill={fillFor(null, i)}
                stroke={CHART_COLOURS.barAlternateStroke}
                strokeWidth={s.outlined ? 2 : 0}
              />
              <text x={22} y={8}>
                {s.name}
              </text>
            </g>
          ))}
        </g>
      ) : null}
      <g stroke={CHART_COLOURS.grid}>
        {layout.ticks.map((tick) => (
          <line
            key={tick.value}
            x1={px(tick.x)}
            x2={px(tick.x)}
            y1={layout.plot.top - 4}
            y2={layout.plot.bottom + 4}
            stroke={tick.value === 0 ? CHART_COLOURS.axis : undefined}
            strokeWidth={tick.value === 0 ? 2 : undefined}
          />
        ))}
      </g>
      <g textAnchor="middle" fill={CHART_COLOURS.secondaryText}>
        {layout.ticks.map((tick) => (
          <text key={tick.value} x={px(tick.x)} y={layout.plot.bottom + 20}>
            {formatNumber(tick.value, 2)}
          </text>
        ))}
        {axisLabel ? (
          <text x={px((layout.plot.left + layout.plot.right) / 2)} y={layout.plot.bottom + 40}>
            {axisLabel}
          </text>
        ) : null}
      </g>
      <g textAnchor="end" dominantBaseline="central">
        {layout.categories.map((c) => (
          <text key={c.index} x={labelWidth - 8} y={px(c.centreY)}>
            {labels[c.index] ?? ""}
          </text>
        ))}
      </g>
      <g>
        {bars.map((bar) =>
          bar.width > 0 ? (
            <rect
              key={`${bar.category}-${bar.series}`}
              x={px(bar.x)}
              y={px(bar.y)}
              width={px(bar.width)}
              height={bar.height}
              fill={fillFor(bar.value, bar.series)}
              stroke={series[bar.series].outlined ? CHART_COLOURS.barAlternateStroke : undefined}
              strokeWidth={series[bar.series].outlined ? 2 : undefined}
            />
          ) : null,
        )}
      </g>
      <g dominantBaseline="central">
        {overlay
          ? layout.categories.map((c) => (
              <text key={c.index} x={px(rowLabelX(c.index))} y={px(c.centreY)}>
                {overlay.rowLabel(c.index)}
              </text>
            ))
          : layout.bars.map((bar) => (
              <text
                key={`${bar.category}-${bar.series}`}
                x={px(bar.labelX)}
                y={px(bar.labelY)}
                textAnchor={bar.anchor === "end" ? "end" : undefined}
                fontStyle={bar.value === null ? "italic" : undefined}
              >
                {bar.value === null ? missingLabel : formatValue(bar.value, bar.series, bar.category)}
              </text>
            ))}
      </g>
    </ChartSvg>
  );
}
