/** Values no form expects, each sent in every field of a form at once. */
export const HOSTILE_VALUES: [label: string, value: string][] = [
  ["NUL", "before\u0000after"],
  ["control characters", "\u0001\u0008\u001b[31m\u007f"],
  ["a huge string", "x".repeat(20_000)],
  ["right-to-left and zero-width", "\u202Eevil\u200B\u200D\uFEFF"],
  ["an ideographic space", "\u3000/elsewhere"],
  ["markup", "<script>alert(1)</script>"],
  ["SQL-ish quotes", "' OR '1'='1'; --\""],
  ["a huge number", "99999999999999999999"],
  ["a negative number", "-1"],
  ["NaN", "NaN"],
  ["an overflowing exponent", "1e400"],
  ["an impossible date", "2026-02-30T25:61"],
  ["empty", ""],
  ["an unknown id", "00000000-0000-4000-8000-000000000000"],
];

/** The names and intent values a page's forms use, read from its HTML. */
export function formShape(html: string): { fields: string[]; intents: string[] } {
  const fields = new Set<string>();
  const intents = new Set<string>();
  for (const tag of html.match(/<(input|select|textarea|button)\b[^>]*>/g) ?? []) {
    const name = /\bname="([^"]+)"/.exec(tag)?.[1];
    if (!name) continue;
    const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
    if (name === "intent") {
      if (value) intents.add(value);
    } else if (!["q", "page"].includes(name)) {
      fields.add(name.replace(/&amp;/g, "&"));
    }
  }
  return { fields: [...fields], intents: [...intents] };
}
