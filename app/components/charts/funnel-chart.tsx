import { CHART_COLOURS } from "~/domain/charts/colours";
import { funnelLayout } from "~/domain/charts/funnel";
import { formatNumber } from "~/domain/charts/scale";
import { ChartSvg, px } from "./chart-svg";

/** Centred bars narrowing step by step, each step named on the left and counted on the right. */
export function FunnelChart({
  id,
  title,
  description,
  steps,
  width = 640,
}: {
  id: string;
  title: string;
  description: string;
  steps: { label: string; value: number; note?: string }[];
  width?: number;
}) {
  const layout = funnelLayout(
    steps.map((s) => s.value),
    { width, labelWidth: 170, valueWidth: 150, rowHeight: 30, gap: 8, top: 4 },
  );
  return (
    <ChartSvg id={id} title={title} description={description} width={width} height={layout.height + 4}>
      <g textAnchor="end" dominantBaseline="central">
        {layout.steps.map((step) => (
          <text key={step.index} x={162} y={step.centreY}>
            {steps[step.index].label}
          </text>
        ))}
      </g>
      <g fill={CHART_COLOURS.bar}>
        {layout.steps.map((step) =>
          step.width > 0 ? (
            <rect key={step.index} x={px(step.x)} y={step.y} width={px(step.width)} height={step.height} />
          ) : null,
        )}
      </g>
      <g dominantBaseline="central">
        {layout.steps.map((step) => (
          <text key={step.index} x={layout.valueX} y={step.centreY}>
            {formatNumber(step.value)}
            {steps[step.index].note ? (
              <tspan fill={CHART_COLOURS.secondaryText}> {steps[step.index].note}</tspan>
            ) : null}
          </text>
        ))}
      </g>
    </ChartSvg>
  );
}
