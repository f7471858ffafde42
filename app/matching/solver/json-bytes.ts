/**
 * A cursor over UTF-8 JSON bytes for reading large, regular documents without building a JS value
 * per element. It only accepts what JSON.parse accepts and reads every value exactly as
 * JSON.parse would; anything it is unsure of throws NOT_HANDLED, and the caller then falls back
 * to JSON.parse on the text (which also words the error).
 */

/** Thrown (never as an error shown to anyone) when the input leaves the fast path. */
export const NOT_HANDLED: unique symbol = Symbol("not handled by the byte reader");

export function notHandled(): never {
  throw NOT_HANDLED;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

/** FNV-1a over the bytes of an id; IdTable hashes strings the same way. */
export const HASH_SEED = 0x811c9dc5 | 0;
export const HASH_PRIME = 0x01000193;

/** Nesting deeper than this (only possible inside ignored fields) goes to JSON.parse. */
const MAX_DEPTH = 256;

/** 10^k is exact in binary64 for k ≤ 22. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class JsonBytes {
  pos = 0;
  readonly length: number;
  /** The last string scanned by scanString: its content's byte range (no quotes) and hash. */
  stringStart = 0;
  stringEnd = 0;
  stringHash = 0;
  /** The bytes are the string (printable ASCII, no escape): true; otherwise decode it. */
  stringPlain = true;

  constructor(readonly bytes: Uint8Array) {
    this.length = bytes.length;
  }

  /** JSON whitespace is exactly space, tab, line feed and carriage return. */
  skipSpace(): void {
    const b = this.bytes;
    let p = this.pos;
    while (p < this.length) {
      const c = b[p];
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
      p++;
    }
    this.pos = p;
  }

  /** Skips white space, then the byte `c`, or leaves the fast path. */
  expect(c: number): void {
    this.skipSpace();
    if (this.bytes[this.pos] !== c) notHandled();
    this.pos++;
  }

  /** Skips white space; true (and consumes it) if the next byte is `c`. */
  accept(c: number): boolean {
    this.skipSpace();
    if (this.bytes[this.pos] !== c) return false;
    this.pos++;
    return true;
  }

  /** After an element: true if another follows (","), false at the `close` bracket. */
  more(close: number): boolean {
    this.skipSpace();
    const c = this.bytes[this.pos++];
    if (c === 0x2c) return true;
    if (c !== close) notHandled();
    return false;
  }

  /**
   * Scans a string at the cursor (after white space) and sets stringStart/End, stringHash and
   * stringPlain. Escapes and non-ASCII bytes are only checked for shape here; decodeString
   * checks them fully.
   */
  scanString(): void {
    this.skipSpace();
    const b = this.bytes;
    const end = this.length;
    let p = this.pos;
    if (b[p] !== QUOTE) notHandled();
    const start = ++p;
    let h = HASH_SEED;
    let plain = true;
    for (;;) {
      if (p >= end) notHandled();
      const c = b[p];
      if (c === QUOTE) break;
      if (c < 0x20) notHandled(); // raw control characters are not allowed in JSON strings
      if (c === BACKSLASH) {
        plain = false;
        p += 2; // the escaped byte cannot end the string; decodeString validates the escape
        continue;
      }
      if (c >= 0x80) plain = false;
      h = Math.imul(h ^ c, HASH_PRIME);
      p++;
    }
    this.stringStart = start;
    this.stringEnd = p;
    this.stringHash = h;
    this.stringPlain = plain;
    this.pos = p + 1;
  }

  /** The last scanned string's value, exactly as JSON.parse reads it. */
  decodeString(): string {
    const b = this.bytes;
    const start = this.stringStart;
    const end = this.stringEnd;
    if (this.stringPlain) {
      let s = "";
      for (let p = start; p < end; p++) s += String.fromCharCode(b[p]);
      return s;
    }
    // Rare (escapes, non-ASCII): let JSON.parse read the quoted text. Malformed UTF-8 makes the
    // decoder throw, which leaves the fast path: the text path decides how to read such bytes.
    try {
      return JSON.parse(utf8.decode(b.subarray(start - 1, end + 1))) as string;
    } catch {
      return notHandled();
    }
  }

  /**
   * A number at the cursor, as JSON.parse reads it. Up to 15 digits with no exponent, the digits
   * form an exact integer and one division by an exact power of ten rounds correctly, so the
   * result is the nearest double, as Number() gives; other forms go through Number() itself.
   */
  readNumber(): number {
    this.skipSpace();
    const b = this.bytes;
    const start = this.pos;
    let p = start;
    const negative = b[p] === MINUS;
    if (negative) p++;
    let digits = 0;
    let mantissa = 0;
    let c = b[p];
    if (c === ZERO) {
      p++;
      digits = 1;
    } else if (c > ZERO && c <= NINE) {
      do {
        mantissa = mantissa * 10 + (c - ZERO);
        digits++;
        c = b[++p];
      } while (c >= ZERO && c <= NINE);
    } else {
      notHandled();
    }
    let fraction = 0;
    if (b[p] === DOT) {
      c = b[++p];
      while (c >= ZERO && c <= NINE) {
        mantissa = mantissa * 10 + (c - ZERO);
        fraction++;
        c = b[++p];
      }
      if (fraction === 0) notHandled();
      digits += fraction;
    }
    let exponent = false;
    if (b[p] === 0x65 || b[p] === 0x45) {
      exponent = true;
      c = b[++p];
      if (c === 0x2b || c === MINUS) c = b[++p];
      const first = p;
      while (c >= ZERO && c <= NINE) c = b[++p];
      if (p === first) notHandled();
    }
    this.pos = p;
    if (!exponent && digits <= 15) {
      const magnitude = fraction === 0 ? mantissa : mantissa / POW10[fraction];
      return negative ? -magnitude : magnitude;
    }
    let text = "";
    for (let q = start; q < p; q++) text += String.fromCharCode(b[q]);
    return Number(text);
  }

  /**
   * Reads an object key and its colon; returns its index in `names`, or −1 for any other key.
   * `bytes` holds the same names as ASCII bytes, for comparing without making a string.
   */
  readKey(names: readonly string[], bytes: readonly Uint8Array[]): number {
    this.scanString();
    let found = -1;
    if (this.stringPlain) {
      const b = this.bytes;
      const start = this.stringStart;
      const size = this.stringEnd - start;
      for (let k = 0; k < bytes.length && found < 0; k++) {
        const name = bytes[k];
        if (name.length !== size) continue;
        let i = 0;
        while (i < size && b[start + i] === name[i]) i++;
        if (i === size) found = k;
      }
    } else {
      found = names.indexOf(this.decodeString());
    }
    this.expect(0x3a);
    return found;
  }

  /** Skips any JSON value, checking that it is well formed. */
  skipValue(depth = 0): void {
    if (depth > MAX_DEPTH) notHandled();
    this.skipSpace();
    const c = this.bytes[this.pos];
    if (c === QUOTE) {
      this.scanString();
      if (!this.stringPlain) this.checkEscapes();
    } else if (c === 0x7b) {
      this.pos++;
      if (this.accept(0x7d)) return;
      do {
        this.scanString();
        if (!this.stringPlain) this.checkEscapes();
        this.expect(0x3a);
        this.skipValue(depth + 1);
      } while (this.more(0x7d));
    } else if (c === 0x5b) {
      this.pos++;
      if (this.accept(0x5d)) return;
      do this.skipValue(depth + 1);
      while (this.more(0x5d));
    } else if (c === 0x74) {
      this.literal("true");
    } else if (c === 0x66) {
      this.literal("false");
    } else if (c === 0x6e) {
      this.literal("null");
    } else {
      this.readNumber();
    }
  }

  /**
   * The escapes of a string whose value is not needed. Other bytes need no check: a malformed
   * UTF-8 sequence never swallows an ASCII byte, so the text path sees the same quotes.
   */
  private checkEscapes(): void {
    const b = this.bytes;
    for (let p = this.stringStart; p < this.stringEnd; p++) {
      if (b[p] !== BACKSLASH) continue;
      const e = b[++p];
      if (e === 0x75) {
        for (let k = 0; k < 4; k++) if (!isHex(b[++p])) notHandled();
      } else if (!ESCAPES.includes(e)) {
        notHandled();
      }
    }
  }

  private literal(word: string): void {
    for (let k = 0; k < word.length; k++) if (this.bytes[this.pos + k] !== word.charCodeAt(k)) notHandled();
    this.pos += word.length;
  }

  /** The value in bytes [start, end), as JSON.parse reads it. */
  parseSlice(start: number, end: number): unknown {
    try {
      return JSON.parse(utf8.decode(this.bytes.subarray(start, end)));
    } catch {
      return notHandled();
    }
  }
}

/** The characters allowed after a backslash, besides "u": " \ / b f n r t. */
const ESCAPES = [0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74];

function isHex(c: number): boolean {
  return (c >= ZERO && c <= NINE) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

export function asciiBytes(names: readonly string[]): Uint8Array[] {
  return names.map((name) => Uint8Array.from(name, (ch) => ch.charCodeAt(0)));
}
