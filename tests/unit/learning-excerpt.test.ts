import { describe, expect, it } from "vitest";
import { excerptLine } from "~/domain/learning-search/excerpt";
import { MARK_END, MARK_START } from "~/domain/learning-search/markers";

const mark = (word: string) => `${MARK_START}${word}${MARK_END}`;

describe("search excerpts", () => {
  it("never runs an insight into the link titles and capability names after it", () => {
    const excerpt = `…the ward team ${mark("focused")}.\nRun chart template\nMeasurement for improvement`;
    expect(excerptLine(excerpt)).toBe(`…the ward team ${mark("focused")}.`);
  });
  it("shows the line that matched, such as a capability name, on its own", () => {
    expect(excerptLine(`Short daily huddles.\nBoard paper\n${mark("Kanban")} boards…`)).toBe(
      `${mark("Kanban")} boards…`,
    );
  });
  it("keeps a one-line excerpt as it is, and falls back to the first line without a match", () => {
    expect(excerptLine(`Short daily ${mark("huddles")} kept the ward focused…`)).toBe(
      `Short daily ${mark("huddles")} kept the ward focused…`,
    );
    expect(excerptLine("Short daily huddles.\nBoard paper")).toBe("Short daily huddles.");
  });
});
