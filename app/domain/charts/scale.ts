/** Scales, ticks and number labels shared by every chart. Pure: no React, no DOM. */

export type Scale = (value: number) => number;

/** Maps the domain [d0, d1] onto the range [r0, r1]; a domain of zero width maps everything to r0. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const span = d1 - d0;
  if (span === 0) return () => r0;
  const k = (r1 - r0) / span;
  return (value) => r0 + (value - d0) * k;
}

/** A step of 1, 2 or 5 times a power of ten that cuts `span` into at most `count` intervals. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, Math.floor(count));
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

const decimalsOf = (step: number) => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

export interface Axis {
  domain: [number, number];
  ticks: number[];
}

/**
 * A domain that always includes zero (bars grow from it) and ends on round numbers, with its
 * ticks. Counts ask for whole-number steps; diverging charts ask for a domain symmetric about
 * zero so equal changes either way look equal. No data, or only zeros, gives 0 to 1.
 */
export function niceAxis(
  values: readonly number[],
  { count = 5, integer = false, symmetric = false }: { count?: number; integer?: boolean; symmetric?: boolean } = {},
): Axis {
  const finite = values.filter(Number.isFinite);
  let lo = Math.min(0, ...finite);
  let hi = Math.max(0, ...finite);
  if (symmetric) {
    const reach = Math.max(-lo, hi);
    [lo, hi] = [-reach, reach];
  }
  if (lo === hi) [lo, hi] = symmetric ? [-1, 1] : [0, 1];
  let step = niceStep(hi - lo, count);
  if (integer) step = Math.max(1, Math.round(step));
  const decimals = decimalsOf(step);
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; start + i * step <= end + step / 2; i++)
    ticks.push(Number((start + i * step).toFixed(decimals)) || 0);
  return { domain: [ticks[0], ticks[ticks.length - 1]], ticks };
}

const formats = new Map<number, Intl.NumberFormat>();
function formatter(decimals: number) {
  let format = formats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat("en-GB", { minimumFractionDigits: 0, maximumFractionDigits: decimals });
    formats.set(decimals, format);
  }
  return format;
}

/** "1,234" or "2.5": grouped thousands, at most `decimals` places, never "-0". */
export function formatNumber(value: number, decimals = 0): string {
  // Whole numbers are most of what dashboards print; grouping them by hand is far quicker than Intl.
  if (Number.isSafeInteger(value))
    return `${value < 0 ? "-" : ""}${String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ",")}`;
  const text = formatter(decimals).format(value);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A change with its sign spelt out, so direction never depends on colour or position: "+0.5", "-1", "0". */
export function formatChange(value: number, decimals = 2): string {
  const text = formatNumber(value, decimals);
  return text !== "0" && value > 0 ? `+${text}` : text;
}

/** "45%" of a whole; no whole gives no percentage. */
export function formatShare(part: number, whole: number): string | null {
  if (whole <= 0) return null;
  return `${formatNumber((part / whole) * 100, 0)}%`;
}

// Rough widths in ems of a sans-serif face such as Arial or Frutiger: enough to keep labels inside the chart.
function charWidth(char: string): number {
  // Some faces draw the ellipsis a full em wide.
  if (char === "…") return 1;
  if (char === " ") return 0.28;
  if (/[il.,:;'|!]/.test(char)) return 0.28;
  if (/[fjrt()-]/.test(char)) return 0.36;
  if (/[mw]/.test(char)) return 0.84;
  if (/[MW]/.test(char)) return 0.94;
  if (/[A-Z]/.test(char)) return 0.7;
  if (/[0-9]/.test(char)) return 0.56;
  return 0.53;
}

/** An estimate of how wide text is drawn at a font size, erring wide. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const char of text) ems += charWidth(char);
  return ems * fontSize;
}

/** Cuts a label so it fits in `width` at `fontSize`, marking the cut with an ellipsis. */
export function fitLabel(text: string, width: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= width) return text;
  const ellipsis = estimateTextWidth("…", fontSize);
  let used = 0;
  let end = 0;
  for (const char of text) {
    const next = used + charWidth(char) * fontSize;
    if (next + ellipsis > width) break;
    used = next;
    end += char.length;
  }
  return `${text.slice(0, end).trimEnd()}…`;
}

/** The longest end of `text` that fits in `width`. */
function fitTail(text: string, width: number, fontSize: number): string {
  const chars = [...text];
  let used = 0;
  let start = chars.length;
  while (start > 0 && used + charWidth(chars[start - 1]) * fontSize <= width)
    used += charWidth(chars[--start]) * fontSize;
  return chars.slice(start).join("").trimStart();
}

/**
 * Cuts every label to fit, like fitLabel, but never lets two different texts read the same: titles
 * that share their start ("Pressure ulcer prevention, wards…") keep their start and their end.
 */
export function fitLabels(texts: string[], width: number, fontSize: number): string[] {
  const cut = texts.map((text) => fitLabel(text, width, fontSize));
  const sameCut = (i: number) => cut.some((other, j) => j !== i && other === cut[i] && texts[j] !== texts[i]);
  const clashing = cut.map((_, i) => sameCut(i));
  return cut.map((label, i) => {
    if (!clashing[i]) return label;
    const text = texts[i];
    const tail = fitTail(text, width * 0.45, fontSize);
    const head = fitLabel(
      text.slice(0, Math.max(0, text.length - tail.length)),
      width - estimateTextWidth(tail, fontSize),
      fontSize,
    );
    return `${head.endsWith("…") ? head : `${head}…`}${tail}`;
  });
}
