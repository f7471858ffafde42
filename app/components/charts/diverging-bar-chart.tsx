import { formatChange } from "~/domain/charts/scale";
import { BarChart } from "./bar-chart";

/**
 * Changes either side of zero: increases to the right, decreases to the left, each with its sign
 * printed, and "not yet measured" where there is no measurement rather than a bar of zero.
 */
export function DivergingBarChart({
  id,
  title,
  description,
  categories,
  values,
  axisLabel,
  missingLabel = "not yet measured",
}: {
  id: string;
  title: string;
  description: string;
  categories: string[];
  values: (number | null)[];
  axisLabel: string;
  missingLabel?: string;
}) {
  return (
    <BarChart
      id={id}
      title={title}
      description={description}
      categories={categories}
      series={[{ name: axisLabel, values }]}
      formatValue={(v) => formatChange(v, 2)}
      missingLabel={missingLabel}
      diverging
      axisLabel={axisLabel}
      labelWidth={290}
    />
  );
}
