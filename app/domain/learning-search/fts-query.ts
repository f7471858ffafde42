/**
 * Turns what a person typed into an FTS5 MATCH expression that cannot fail to parse. FTS5 reads
 * quotes, NEAR(, *, :, -, ^, AND/OR/NOT and column names as syntax, so user text is never passed
 * through: it is cut into words, each word becomes a quoted string, and the words are ANDed.
 */

// PostgreSQL's English stop words (tsearch_data/english.stop), so both engines ignore the same words.
const STOP_WORDS = new Set(
  (
    "i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself it its itself " +
    "they them their theirs themselves what which who whom this that these those am is are was were be been being have has had having " +
    "do does did doing a an the and but if or because as until while of at by for with about against between into through during before " +
    "after above below to from up down in out on off over under again further then once here there when where why how all any both each " +
    "few more most other some such no nor not only own same so than too very s t can will just don should now"
  ).split(" "),
);

/** More words than this add cost without narrowing anything a person would notice. */
const MAX_TERMS = 12;
/**
 * A short prefix stands for many words; FTS5 (without a prefix index) reads every posting of every
 * one of them, which on a large library costs far more than the search itself. Shorter last words
 * are searched as whole words.
 */
const MIN_PREFIX_LENGTH = 4;

/** The words of a query as the index sees them: letters, digits and marks; lower case; stop words left out. */
export function queryWords(query: string): string[] {
  const words =
    query
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}\p{M}]+/gu) ?? [];
  return words.filter((w) => !STOP_WORDS.has(w)).slice(0, MAX_TERMS);
}

/**
 * `"word" "word"*`: every word must appear (stemmed by the index's porter tokenizer), and the last
 * may be the start of a longer word. Null when nothing searchable is left, meaning "no match clause".
 */
export function ftsMatchExpression(query: string, { prefix = true }: { prefix?: boolean } = {}): string | null {
  const words = queryWords(query);
  if (words.length === 0) return null;
  return words
    .map((word, i) => {
      const quoted = `"${word.replace(/"/g, '""')}"`;
      return prefix && i === words.length - 1 && [...word].length >= MIN_PREFIX_LENGTH ? `${quoted}*` : quoted;
    })
    .join(" ");
}
