/**
 * Where a search matched, marked inside plain text by two private-use characters rather than HTML,
 * so that text written by users can never become markup: the page splits on the markers and
 * renders the marked parts as <mark>. Shared by the search engines and the component that shows hits.
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

const MARKERS = /[\uE000\uE001]/g;

/** User text with the marker characters taken out, so nothing a user writes can fake a highlight. */
export const withoutMarkers = (text: string) => text.replace(MARKERS, "");

export interface MarkedPart {
  text: string;
  marked: boolean;
}

/** Plain and marked runs in order; an unclosed marker marks to the end, a stray end marker is dropped. */
export function splitMarked(text: string): MarkedPart[] {
  const parts: MarkedPart[] = [];
  let marked = false;
  let current = "";
  const flush = () => {
    if (current) parts.push({ text: current, marked });
    current = "";
  };
  for (const char of text) {
    if (char === MARK_START || char === MARK_END) {
      flush();
      marked = char === MARK_START;
    } else {
      current += char;
    }
  }
  flush();
  return parts;
}
