/**
 * ODS publishes names and addresses in upper case. These turn them into the readable form
 * people write, e.g. "GUY'S AND ST THOMAS' NHS FOUNDATION TRUST" → "Guy's and St Thomas' NHS Foundation Trust".
 */

/** Kept upper case wherever they appear. */
const ACRONYMS = new Set(["NHS", "ICB", "ICS", "CCG", "CSU", "UK", "GP", "CIC", "LLP", "PLC", "HIV"]);

/** Kept lower case except as the first word. */
const SMALL_WORDS = new Set(["a", "an", "and", "at", "by", "for", "in", "of", "on", "the", "to", "upon", "with"]);

export function titleCase(text: string): string {
  let first = true;
  return text.replace(/[A-Za-z0-9]+/g, (word, offset: number, whole: string) => {
    const isFirst = first;
    first = false;
    const upper = word.toUpperCase();
    if (ACRONYMS.has(upper)) return upper;
    const lower = word.toLowerCase();
    // The "s" of "GUY'S" is a possessive, not a word of its own.
    if (offset > 0 && /['’]/.test(whole[offset - 1])) return lower;
    if (!isFirst && SMALL_WORDS.has(lower)) return lower;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  });
}

/** Postcodes stay upper case with single spaces: "e1 8de " → "E1 8DE". */
export const tidyPostcode = (postcode: string) => postcode.trim().replace(/\s+/g, " ").toUpperCase();

/** A foundation trust says so in its registered name. */
export const isFoundationTrustName = (name: string) => /\bfoundation trust\b/i.test(name);
