/**
 * Chart colours from the NHS identity palette, with the contrast arithmetic of WCAG 2.2 so a
 * label printed on a shade can be checked to be readable.
 */

export const CHART_COLOURS = {
  text: "#212b32",
  secondaryText: "#4c6272",
  axis: "#4c6272",
  grid: "#d8dde0",
  background: "#ffffff",
  bar: "#005eb8",
  /** The second series of a grouped bar chart, outlined so it differs by more than colour. */
  barAlternate: "#ffffff",
  barAlternateStroke: "#003087",
  increase: "#007f3b",
  decrease: "#d5281b",
} as const;

/** From "none" to "most", light to dark blue; the first is for a count of zero. */
export const HEAT_SHADES = ["#f0f4f5", "#d6e6f5", "#a9cbea", "#78acdc", "#2a6ebb", "#003087"] as const;

function channel(hex: string, offset: number): number {
  const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
  return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of a "#rrggbb" colour. */
export function relativeLuminance(hex: string): number {
  if (!/^#[0-9a-f]{6}$/i.test(hex)) throw new RangeError(`Not a #rrggbb colour: ${hex}`);
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** WCAG contrast ratio, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Dark text or white, whichever reads better on the fill. */
export function textColourOn(fill: string): string {
  return contrastRatio(fill, CHART_COLOURS.text) >= contrastRatio(fill, "#ffffff") ? CHART_COLOURS.text : "#ffffff";
}

/** The text colour for each heat shade, worked out once: a heatmap asks for it in every cell. */
export const HEAT_TEXT = HEAT_SHADES.map(textColourOn);

/**
 * Which shade a value gets, 0 for zero and 1 to 5 in equal steps up to `max`, so the darkest
 * cell is the largest count on the chart.
 */
export function shadeIndex(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  const steps = HEAT_SHADES.length - 1;
  return Math.min(steps, Math.max(1, Math.ceil((value / max) * steps)));
}
