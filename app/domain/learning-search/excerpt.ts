import { MARK_START } from "./markers";

/**
 * The part of a search excerpt worth showing. The index holds an entry's insight, link titles,
 * actions and capability names one to a line, and an excerpt that runs across lines would read
 * them as one sentence ("…kept the ward focused. Run chart template Measurement for
 * improvement"). This keeps the first line with a match in it, or the first line when none has.
 */
export function excerptLine(excerpt: string): string {
  const lines = excerpt
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && line !== "…");
  if (lines.length === 0) return "";
  return lines.find((line) => line.includes(MARK_START)) ?? lines[0];
}
