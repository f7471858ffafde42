/**
 * Geometry of a funnel: one centred bar per step, each as wide as its share of the widest step,
 * so the narrowing from step to step is what the eye reads.
 */
export interface FunnelOptions {
  width: number;
  /** Room on the left for step names. */
  labelWidth: number;
  /** Room on the right for counts. */
  valueWidth: number;
  rowHeight: number;
  gap: number;
  top: number;
  /** A non-zero step is never drawn narrower than this, so it stays visible. */
  minBarWidth?: number;
}

export interface FunnelStepGeometry {
  index: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
  centreY: number;
}

export interface FunnelLayout {
  width: number;
  height: number;
  centreX: number;
  valueX: number;
  steps: FunnelStepGeometry[];
}

export function funnelLayout(values: readonly number[], options: FunnelOptions): FunnelLayout {
  const left = options.labelWidth;
  const right = Math.max(left, options.width - options.valueWidth);
  const span = right - left;
  const centreX = left + span / 2;
  const widest = Math.max(0, ...values);
  const minWidth = options.minBarWidth ?? 2;
  const steps = values.map((raw, index) => {
    const value = Math.max(0, raw);
    const width = widest === 0 || value === 0 ? 0 : Math.max(minWidth, (value / widest) * span);
    const y = options.top + index * (options.rowHeight + options.gap);
    return {
      index,
      value,
      x: centreX - width / 2,
      y,
      width,
      height: options.rowHeight,
      centreY: y + options.rowHeight / 2,
    };
  });
  const height =
    values.length === 0
      ? options.top
      : options.top + values.length * options.rowHeight + (values.length - 1) * options.gap;
  return { width: options.width, height, centreX, valueX: right + 8, steps };
}
