import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "~/components/charts/bar-chart";
import { DivergingBarChart } from "~/components/charts/diverging-bar-chart";
import { FunnelChart } from "~/components/charts/funnel-chart";
import { Heatmap } from "~/components/charts/heatmap";
import { barLayout, type BarLayoutOptions } from "~/domain/charts/bars";
import { CHART_COLOURS, contrastRatio, HEAT_SHADES, shadeIndex, textColourOn } from "~/domain/charts/colours";
import { funnelLayout } from "~/domain/charts/funnel";
import { heatmapLayout } from "~/domain/charts/heatmap";
import {
  estimateTextWidth,
  fitLabel,
  fitLabels,
  formatChange,
  formatNumber,
  formatShare,
  linearScale,
  niceAxis,
  niceStep,
} from "~/domain/charts/scale";

describe("scales and ticks", () => {
  it("maps a domain onto a range, and a domain of no width onto its start", () => {
    const x = linearScale([0, 10], [100, 200]);
    expect(x(0)).toBe(100);
    expect(x(5)).toBe(150);
    expect(x(10)).toBe(200);
    expect(linearScale([3, 3], [10, 20])(3)).toBe(10);
  });

  it("picks steps of 1, 2 or 5 times a power of ten", () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(100, 5)).toBe(20);
    expect(niceStep(7, 5)).toBe(2);
    expect(niceStep(0.8, 4)).toBe(0.2);
    expect(niceStep(0, 5)).toBe(1);
  });

  it("always includes zero and ends on round numbers", () => {
    expect(niceAxis([3, 17])).toEqual({ domain: [0, 20], ticks: [0, 5, 10, 15, 20] });
    // A span of 1.1 in at most five steps: 0.2 would need six, so 0.5.
    expect(niceAxis([-0.3, 0.8])).toEqual({ domain: [-0.5, 1], ticks: [-0.5, 0, 0.5, 1] });
    expect(niceAxis([-0.3, 0.5]).ticks).toEqual([-0.4, -0.2, 0, 0.2, 0.4, 0.6]);
  });

  it("gives 0 to 1 for no data or only zeros, so nothing divides by zero", () => {
    expect(niceAxis([])).toEqual({ domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1] });
    expect(niceAxis([0, 0], { integer: true })).toEqual({ domain: [0, 1], ticks: [0, 1] });
  });

  it("keeps counts on whole-number ticks", () => {
    expect(niceAxis([2], { integer: true }).ticks).toEqual([0, 1, 2]);
  });

  it("makes a diverging axis symmetric about zero", () => {
    expect(niceAxis([-0.5, 1.5], { symmetric: true }).domain).toEqual([-2, 2]);
    expect(niceAxis([-3], { symmetric: true }).domain).toEqual([-4, 4]);
    expect(niceAxis([], { symmetric: true }).domain).toEqual([-1, 1]);
  });
});

describe("number labels", () => {
  it("groups thousands, limits decimals and never prints minus zero", () => {
    expect(formatNumber(12345)).toBe("12,345");
    expect(formatNumber(-1234567)).toBe("-1,234,567");
    expect(formatNumber(999)).toBe("999");
    expect(formatNumber(2.456, 1)).toBe("2.5");
    expect(formatNumber(-0.0001, 2)).toBe("0");
  });

  it("spells out the sign of a change", () => {
    expect(formatChange(0.5)).toBe("+0.5");
    expect(formatChange(-1.25)).toBe("-1.25");
    expect(formatChange(0)).toBe("0");
    expect(formatChange(0.001)).toBe("0");
  });

  it("gives a share only when there is a whole", () => {
    expect(formatShare(1, 3)).toBe("33%");
    expect(formatShare(0, 0)).toBeNull();
  });

  it("cuts long labels with an ellipsis to fit a width, and leaves short ones", () => {
    expect(fitLabel("Flow", 100, 16)).toBe("Flow");
    const cut = fitLabel("OPS-LEAN Lean management systems", 150, 16);
    expect(cut).toMatch(/^OPS-LEAN Lean.*…$/);
    expect(estimateTextWidth(cut, 16)).toBeLessThanOrEqual(150);
    expect(fitLabel("Wide", 0, 16)).toBe("…");
  });

  it("estimates capitals wider than lower case, so upper-case codes are cut sooner", () => {
    expect(estimateTextWidth("WWWW", 16)).toBeGreaterThan(estimateTextWidth("iiii", 16) * 2);
    expect(estimateTextWidth("", 16)).toBe(0);
  });
});

const options: BarLayoutOptions = {
  width: 400,
  labelWidth: 100,
  valueGutter: 50,
  barHeight: 20,
  barGap: 2,
  categoryGap: 10,
  top: 0,
  axisHeight: 30,
};

describe("bar layout", () => {
  it("grows positive bars rightwards from zero, in proportion, with the label past the end", () => {
    const layout = barLayout([[5, 10]], options);
    expect(layout.zeroX).toBe(100);
    expect(layout.plot.right).toBe(350);
    const [five, ten] = layout.bars;
    expect(ten).toMatchObject({ x: 100, width: 250, y: 30, labelX: 354, anchor: "start" });
    expect(five.width).toBe(125);
    expect(layout.height).toBe(20 + 10 + 20 + 30);
  });

  it("draws no bar for zero and for a missing value, and keeps them apart", () => {
    const layout = barLayout([[0, null, 4]], options);
    expect(layout.bars[0]).toMatchObject({ value: 0, width: 0 });
    expect(layout.bars[1]).toMatchObject({ value: null, width: 0 });
  });

  it("grows negative bars leftwards from zero with the label before the start", () => {
    const layout = barLayout([[-1, 1]], { ...options, symmetric: true });
    // Room for value labels on both sides once values can be negative.
    expect(layout.plot.left).toBe(150);
    expect(layout.zeroX).toBe(250);
    const [down, up] = layout.bars;
    expect(down).toMatchObject({ x: 150, width: 100, labelX: 146, anchor: "end" });
    expect(up).toMatchObject({ x: 250, width: 100, anchor: "start" });
  });

  it("places each series of a group one under the other", () => {
    const layout = barLayout(
      [
        [1, 2],
        [3, 4],
      ],
      options,
    );
    expect(layout.bars.map((b) => [b.category, b.series, b.y])).toEqual([
      [0, 0, 0],
      [0, 1, 22],
      [1, 0, 52],
      [1, 1, 74],
    ]);
    expect(layout.categories.map((c) => c.centreY)).toEqual([21, 73]);
  });

  it("draws the series of a category over one another when asked, on one row", () => {
    const layout = barLayout(
      [
        [1, 3],
        [2, 4],
      ],
      { ...options, overlay: true },
    );
    expect(layout.bars.map((b) => [b.category, b.series, b.y])).toEqual([
      [0, 0, 0],
      [0, 1, 0],
      [1, 0, 30],
      [1, 1, 30],
    ]);
    expect(layout.height).toBe(20 + 10 + 20 + 30);
  });

  it("lays out no data as an empty chart with an axis", () => {
    const layout = barLayout([], options);
    expect(layout.bars).toEqual([]);
    expect(layout.categories).toEqual([]);
    expect(layout.height).toBe(30);
    expect(layout.ticks.length).toBeGreaterThan(1);
  });

  it("puts each tick where the scale puts its value", () => {
    const layout = barLayout([[10]], { ...options, integer: true });
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(layout.ticks[5].x).toBe(350);
  });
});

describe("funnel layout", () => {
  it("centres each step and sizes it against the widest", () => {
    const layout = funnelLayout([100, 50, 0], {
      width: 500,
      labelWidth: 100,
      valueWidth: 100,
      rowHeight: 20,
      gap: 5,
      top: 0,
    });
    expect(layout.centreX).toBe(250);
    expect(layout.steps[0]).toMatchObject({ x: 100, width: 300 });
    expect(layout.steps[1]).toMatchObject({ x: 175, width: 150, y: 25 });
    expect(layout.steps[2].width).toBe(0);
    expect(layout.height).toBe(70);
  });

  it("keeps a small non-zero step visible", () => {
    const layout = funnelLayout([10_000, 1], {
      width: 500,
      labelWidth: 100,
      valueWidth: 100,
      rowHeight: 20,
      gap: 5,
      top: 0,
      minBarWidth: 3,
    });
    expect(layout.steps[1].width).toBe(3);
  });

  it("handles all-zero and empty funnels", () => {
    expect(
      funnelLayout([0, 0], { width: 500, labelWidth: 100, valueWidth: 100, rowHeight: 20, gap: 5, top: 0 }).steps.every(
        (s) => s.width === 0,
      ),
    ).toBe(true);
    expect(
      funnelLayout([], { width: 500, labelWidth: 100, valueWidth: 100, rowHeight: 20, gap: 5, top: 4 }).height,
    ).toBe(4);
  });
});

describe("heatmap layout", () => {
  const layout = heatmapLayout(
    [
      { kind: "group", label: "Well-led" },
      { kind: "cells", label: "W1", values: [0, 1, 2, 3, 10] },
      { kind: "cells", label: "W2", values: [5, 5, 0, 0, 0] },
    ],
    { labelWidth: 100, cellWidth: 50, cellHeight: 20, groupHeight: 30, top: 40, columns: ["1", "2", "3", "4", "5"] },
  );

  it("puts group headings above their rows and every cell in its column", () => {
    expect(layout.groups).toEqual([{ label: "Well-led", y: 40 }]);
    expect(layout.rows.map((r) => r.y)).toEqual([70, 90]);
    expect(layout.cells).toHaveLength(10);
    expect(layout.cells[4]).toMatchObject({ row: 0, column: 4, x: 300, y: 70, value: 10 });
    expect(layout.width).toBe(350);
    expect(layout.height).toBe(110);
  });

  it("shades zero apart from any count and the largest count darkest", () => {
    expect(layout.max).toBe(10);
    expect(layout.cells[0].fill).toBe(HEAT_SHADES[0]);
    expect(layout.cells[1].fill).toBe(HEAT_SHADES[1]);
    expect(layout.cells[4].fill).toBe(HEAT_SHADES[5]);
  });

  it("chooses text that reads on its shade", () => {
    for (const cell of layout.cells) expect(contrastRatio(cell.fill, cell.textFill)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("colours", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#005eb8", "#005eb8")).toBe(1);
  });

  it("gives every heat shade a text colour with at least 4.5:1 contrast", () => {
    for (const shade of HEAT_SHADES) expect(contrastRatio(shade, textColourOn(shade))).toBeGreaterThanOrEqual(4.5);
  });

  it("draws bars and text that stand out from the white background", () => {
    for (const colour of [
      CHART_COLOURS.bar,
      CHART_COLOURS.increase,
      CHART_COLOURS.decrease,
      CHART_COLOURS.barAlternateStroke,
      CHART_COLOURS.axis,
    ]) {
      expect(contrastRatio(colour, CHART_COLOURS.background)).toBeGreaterThanOrEqual(3);
    }
    expect(contrastRatio(CHART_COLOURS.text, CHART_COLOURS.background)).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(CHART_COLOURS.secondaryText, CHART_COLOURS.background)).toBeGreaterThanOrEqual(4.5);
  });

  it("steps shades evenly up to the largest value", () => {
    expect([0, 1, 2, 5, 6, 10].map((v) => shadeIndex(v, 10))).toEqual([0, 1, 1, 3, 3, 5]);
    expect(shadeIndex(3, 0)).toBe(0);
  });
});

/** The element ids an SVG's aria-labelledby names, and whether each exists with text. */
function labelledBy(markup: string) {
  const ids = /aria-labelledby="([^"]+)"/.exec(markup)?.[1].split(" ") ?? [];
  return ids.map((id) => new RegExp(`id="${id}">[^<]+<`).test(markup));
}

describe("chart components", () => {
  it("render an image named by a title and a description, with visible labels and values", () => {
    const markup = renderToStaticMarkup(
      createElement(BarChart, {
        id: "wait",
        title: "Days to a match",
        description: "Median 12 days.",
        categories: ["2026-Q1", "2026-Q2"],
        series: [{ name: "Median", values: [12, null] }],
        missingLabel: "no matches",
      }),
    );
    expect(markup).toMatch(/^<svg role="img"/);
    expect(labelledBy(markup)).toEqual([true, true]);
    expect(markup).toContain('<title id="wait-title">Days to a match</title>');
    expect(markup).toContain(">2026-Q1<");
    expect(markup).toContain(">12<");
    expect(markup).toContain(">no matches<");
  });

  it("say a missing change is not yet measured and print the sign of every change", () => {
    const markup = renderToStaticMarkup(
      createElement(DivergingBarChart, {
        id: "impact",
        title: "Impact",
        description: "d",
        categories: ["Up", "Down", "Unknown"],
        values: [0.5, -0.25, null],
        axisLabel: "Mean change",
      }),
    );
    expect(markup).toContain(">+0.5<");
    expect(markup).toContain(">-0.25<");
    expect(markup).toContain(">not yet measured<");
    expect(markup).toContain(`fill="${CHART_COLOURS.increase}"`);
    expect(markup).toContain(`fill="${CHART_COLOURS.decrease}"`);
  });

  it("print the count in every heatmap cell, zero included", () => {
    const markup = renderToStaticMarkup(
      createElement(Heatmap, {
        id: "heat",
        title: "Heat",
        description: "d",
        columns: [{ label: "1" }, { label: "2" }],
        rows: [{ kind: "cells", label: "W1", values: [0, 7] }],
      }),
    );
    expect(labelledBy(markup)).toEqual([true, true]);
    // One outline per shade, one square in it per cell.
    const shades = [...markup.matchAll(/<path fill="(#[0-9a-f]{6})" d="([^"]+)"/g)].map((m) => [
      m[1],
      (m[2].match(/M/g) ?? []).length,
    ]);
    expect(shades).toEqual([
      [HEAT_SHADES[0], 1],
      [HEAT_SHADES[5], 1],
    ]);
    // Dark text is inherited from the chart; white is set where the shade needs it.
    expect(markup).toMatch(new RegExp(`^<svg [^>]*fill="${CHART_COLOURS.text}"`));
    const counts = /<g text-anchor="middle" dominant-baseline="central">(.*?)<\/g>/.exec(markup)?.[1] ?? "";
    expect(
      [...counts.matchAll(/<text [^>]*?(?:fill="(#[0-9a-f]{6})")?>([^<]*)<\/text>/g)].map((m) => [
        m[1] ?? CHART_COLOURS.text,
        m[2],
      ]),
    ).toEqual([
      [textColourOn(HEAT_SHADES[0]), "0"],
      [textColourOn(HEAT_SHADES[5]), "7"],
    ]);
  });

  it("name each funnel step and give its count", () => {
    const markup = renderToStaticMarkup(
      createElement(FunnelChart, {
        id: "funnel",
        title: "Funnel",
        description: "d",
        steps: [
          { label: "Submitted", value: 1200 },
          { label: "Matched", value: 0 },
        ],
      }),
    );
    expect(markup).toContain(">Submitted<");
    expect(markup).toContain(">1,200");
    expect(markup).toContain(">Matched<");
    expect((markup.match(/<rect /g) ?? []).length).toBe(1);
  });
});

describe("chart labels cut to fit", () => {
  it("never lets two different offers read the same once cut", () => {
    const titles = [
      "Pressure ulcer prevention on surgical wards: the SSKIN bundle",
      "Pressure ulcer prevention on surgical wards: the night checks",
      "Falls",
    ];
    const labels = fitLabels(titles, 200, 16);
    expect(new Set(labels).size).toBe(3);
    expect(labels[2]).toBe("Falls");
    for (const label of labels) expect(estimateTextWidth(label, 16)).toBeLessThanOrEqual(200);
    expect(labels[0]).toMatch(/^Pressure.*….*bundle$/);
    expect(labels[1]).toMatch(/^Pressure.*….*checks$/);
  });

  it("cuts labels that differ early as fitLabel does", () => {
    const titles = ["Lean management systems in outpatients", "Measurement for improvement in theatres"];
    expect(fitLabels(titles, 150, 16)).toEqual(titles.map((t) => fitLabel(t, 150, 16)));
  });
});
