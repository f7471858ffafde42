import type { ReactNode } from "react";
import { CHART_COLOURS } from "~/domain/charts/colours";

export const CHART_FONT_SIZE = 16;

/** A coordinate to one decimal place: finer than a screen shows, and shorter markup. */
export const px = (value: number) => Math.round(value * 10) / 10;

/**
 * The outer SVG of every chart: an image with a name and a description that assistive technology
 * reads in place of the drawing, scaled to the width of its column.
 */
export function ChartSvg({
  id,
  title,
  description,
  width,
  height,
  children,
}: {
  id: string;
  title: string;
  description: string;
  width: number;
  height: number;
  children: ReactNode;
}) {
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      viewBox={`0 0 ${width} ${Math.max(1, Math.ceil(height))}`}
      width="100%"
      focusable="false"
      fontSize={CHART_FONT_SIZE}
      fill={CHART_COLOURS.text}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {children}
    </svg>
  );
}
