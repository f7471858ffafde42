/**
 * Reading an instance straight from the file's bytes gives exactly what JSON.parse plus
 * compileInstance and compileGroups give (ids, counts, edges, scores to the bit, groups), on many
 * layouts of the same data; and whatever it declines, the command's parsing still fails with the
 * very message the text path gives.
 */
import { describe, expect, it } from "vitest";
import { compileInstance, InstanceError, type AssignmentInstance, type CompiledInstance } from "~/matching/solver";
import { parseInstanceBytes } from "~/matching/solver/fast-parse";
import { generateInstance, mulberry32 } from "~/matching/solver/generate";
import { compileGroups, parseGroupedInstanceJson, type CompiledGroups } from "~/matching/solver/groups";
import { FAST_PARSE_FROM_BYTES, parseInstanceFile } from "../../scripts/solve";
import { randomGroups, randomInstance, type GroupInput, type Shape } from "../support/solver-instances";

type Rnd = () => number;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function sameArray(actual: ArrayLike<unknown>, expected: ArrayLike<unknown>, label: string) {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let k = 0; k < expected.length; k++) {
    if (!Object.is(actual[k], expected[k])) expect(actual[k], `${label}[${k}]`).toBe(expected[k]);
  }
}

function sameInstance(actual: CompiledInstance, expected: CompiledInstance) {
  sameArray(actual.requestIds, expected.requestIds, "requestIds");
  sameArray(actual.offerIds, expected.offerIds, "offerIds");
  for (const field of ["demand", "capacity", "edgeRequest", "edgeOffer", "edgeScore"] as const) {
    expect(actual[field].constructor, field).toBe(expected[field].constructor);
    sameArray(actual[field], expected[field], field);
  }
}

function sameGroups(actual: CompiledGroups | null, expected: CompiledGroups | null) {
  if (expected === null) return expect(actual).toBeNull();
  expect(actual).not.toBeNull();
  sameArray(actual!.ids, expected.ids, "group ids");
  sameArray(actual!.capacity, expected.capacity, "group capacity");
  sameArray(actual!.groupOf, expected.groupOf, "groupOf");
}

/** A valid instance's bytes: the fast path must take them and agree with JSON.parse + compile. */
function expectFastAndSame(bytes: Buffer) {
  const value = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
  const expected = compileInstance(value);
  const fast = parseInstanceBytes(bytes);
  expect(fast, "the fast path declined a valid instance").not.toBeNull();
  sameInstance(fast!.instance, expected);
  sameGroups(fast!.groups, compileGroups(value.groups, expected));
}

type Outcome = { ok: true; instance: CompiledInstance; groups: CompiledGroups | null } | { ok: false; message: string };

function outcome(run: () => { instance: CompiledInstance; groups: CompiledGroups | null }): Outcome {
  try {
    return { ok: true, ...run() };
  } catch (error) {
    expect(error, "only InstanceError may come out of parsing").toBeInstanceOf(InstanceError);
    return { ok: false, message: (error as Error).message };
  }
}

/** Any bytes: the command's parsing succeeds or fails exactly as the text path does. */
function expectSameOutcome(bytes: Buffer) {
  const expected = outcome(() => parseGroupedInstanceJson(bytes.toString("utf8")));
  const actual = outcome(() => parseInstanceFile(bytes, 0)); // 0: try the byte reader whatever the size
  if (!expected.ok) {
    expect(actual).toEqual(expected);
    expect(parseInstanceBytes(bytes), "the fast path accepted an invalid instance").toBeNull();
    return;
  }
  expect(actual.ok, actual.ok ? "" : actual.message).toBe(true);
  if (!actual.ok) return;
  sameInstance(actual.instance, expected.instance);
  sameGroups(actual.groups, expected.groups);
}

const WHITE = [" ", "\t", "\n", "\r", "  ", "\n    "];
const pick = <T>(rnd: Rnd, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];

/** A string as JSON text, each character at random raw, as \uXXXX, or with a short escape. */
function renderString(text: string, rnd: Rnd, escapes: number): string {
  let out = '"';
  for (const ch of text.split("")) {
    const code = ch.charCodeAt(0);
    const short: Record<string, string> = { '"': '\\"', "\\": "\\\\", "/": "\\/", "\n": "\\n", "\t": "\\t" };
    const digits = code.toString(16).padStart(4, "0");
    const hex = `\\u${rnd() < 0.5 ? digits : digits.toUpperCase()}`;
    const must = code < 0x20 || ch === '"' || ch === "\\" || (code >= 0xd800 && code < 0xe000);
    if (must || rnd() < escapes) out += short[ch] && rnd() < 0.5 ? short[ch] : hex;
    else out += ch;
  }
  return `${out}"`;
}

/** Another JSON spelling of the same number (or of one JSON.parse rounds to the same double). */
function renderNumber(x: number, rnd: Rnd): string {
  if (Object.is(x, -0)) return pick(rnd, ["-0", "-0.0", "-0e0", "-0E+5"]);
  const forms = [String(x), x.toExponential(), x.toExponential().toUpperCase(), x.toExponential().replace("e+", "e")];
  if (!String(x).includes("e")) forms.push(`${x}e0`, `${x}E-0`);
  if (Number.isInteger(x) && x !== 0 && Math.abs(x) < 1e15) forms.push(`${x}.000`, `${x}0e-1`);
  return pick(rnd, forms);
}

const EXTRA: Json[] = [
  null,
  true,
  false,
  -12.5e-3,
  'note with "quotes" and \\ and \u00e9 \ud83d\ude00',
  [],
  {},
  [1, [2, [3, { deep: [{}, [], "x"] }]], { "": null }],
  { a: { b: { c: [true, false, null, 0.5, "]}"] } } },
];

interface Layout {
  /** Shuffle the keys of each object. */
  shuffle: boolean;
  /** Chance of white space at each place it may go. */
  space: number;
  /** Chance of an extra key in each object. */
  extra: number;
  /** Chance that a character of a string is escaped although it need not be. */
  escapes: number;
  /** Write numbers in other notations. */
  numbers: boolean;
}

/** JSON text of `value` laid out as `layout` says; JSON.parse reads back the same value. */
function render(value: Json, rnd: Rnd, layout: Layout): string {
  const ws = () => (rnd() < layout.space ? pick(rnd, WHITE) : "");
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return layout.numbers ? renderNumber(value, rnd) : JSON.stringify(value);
  if (typeof value === "string") return renderString(value, rnd, layout.escapes);
  if (Array.isArray(value))
    return `[${ws()}${value.map((v) => render(v, rnd, layout)).join(`${ws()},${ws()}`)}${ws()}]`;
  const entries = Object.entries(value);
  if (rnd() < layout.extra) {
    const name = pick(rnd, ["note", "extra", "__proto__", "idx", "scores", "requests"]);
    if (!Object.hasOwn(value, name))
      entries.splice(Math.floor(rnd() * (entries.length + 1)), 0, [name, pick(rnd, EXTRA)]);
  }
  if (layout.shuffle) entries.sort(() => rnd() - 0.5);
  const members = entries.map(
    ([k, v]) => `${ws()}${renderString(k, rnd, layout.escapes)}${ws()}:${ws()}${render(v, rnd, layout)}`,
  );
  return `{${members.join(`${ws()},`)}${ws()}}`;
}

const LAYOUTS: Layout[] = [
  { shuffle: false, space: 0, extra: 0, escapes: 0, numbers: false },
  { shuffle: true, space: 0, extra: 0, escapes: 0, numbers: false },
  { shuffle: false, space: 0.5, extra: 0, escapes: 0, numbers: true },
  { shuffle: false, space: 0, extra: 0, escapes: 0.2, numbers: true },
  { shuffle: false, space: 0, extra: 0.2, escapes: 0, numbers: false },
  { shuffle: true, space: 0.3, extra: 0.3, escapes: 0.05, numbers: true },
  { shuffle: true, space: 1, extra: 1, escapes: 0.3, numbers: true },
];

/** Ids with characters that need escapes or several UTF-8 bytes (kept distinct: no digits added). */
function oddIds(
  inst: AssignmentInstance,
  groups: GroupInput[],
  rnd: Rnd,
): { inst: AssignmentInstance; groups: GroupInput[] } {
  const odd = ["", '"', "\\", "\u00e9", "\ud83d\ude00", "\u2028", "/", "\ud800", "\u0000", "\u007f", " x y"];
  const renamed = new Map<string, string>();
  const name = (id: string) => {
    if (!renamed.has(id)) renamed.set(id, `${id}${pick(rnd, odd)}`);
    return renamed.get(id)!;
  };
  return {
    inst: {
      requests: inst.requests.map((r) => ({ ...r, id: name(`r:${r.id}`) })),
      offers: inst.offers.map((o) => ({ ...o, id: name(`o:${o.id}`) })),
      edges: inst.edges.map((e) => ({ ...e, request: name(`r:${e.request}`), offer: name(`o:${e.offer}`) })),
    },
    groups: groups.map((g) => ({ ...g, offers: g.offers.map((id) => name(`o:${id}`)) })),
  };
}

const SHAPES: Shape[] = [
  { requests: 6, offers: 4, maxCandidates: 3, demand: [0, 2], capacity: [0, 3], scores: "integer" },
  { requests: 30, offers: 12, maxCandidates: 5, demand: [1, 3], capacity: [1, 4], scores: "decimal" },
  { requests: 40, offers: 20, maxCandidates: 6, demand: [1, 1], capacity: [1, 2], scores: "float", skew: 1 },
  { requests: 25, offers: 10, maxCandidates: 4, demand: [0, 2], capacity: [0, 3], scores: "signed" },
];

describe("reading an instance from its bytes", () => {
  it("agrees with JSON.parse + compileInstance on random instances in many layouts", () => {
    for (let seed = 1; seed <= 240; seed++) {
      const rnd = mulberry32(seed * 7919);
      const shape = SHAPES[seed % SHAPES.length];
      let inst = randomInstance(seed, shape);
      let groups = seed % 3 === 0 ? randomGroups(seed, inst) : [];
      if (seed % 2 === 0) ({ inst, groups } = oddIds(inst, groups, rnd));
      const value = (groups.length > 0 ? { ...inst, groups } : inst) as unknown as Json;
      expectFastAndSame(Buffer.from(JSON.stringify(value)));
      expectFastAndSame(Buffer.from(JSON.stringify(value, null, seed % 2 ? 2 : "\t")));
      for (const layout of LAYOUTS) expectFastAndSame(Buffer.from(render(value, rnd, layout)));
    }
  });

  it("agrees on generated instances of every score kind", () => {
    for (const scores of ["decimal", "float", "integer", "mixed"] as const) {
      const inst = generateInstance({ requests: 300, offers: 40, candidates: 6, seed: 11, scores, maxDemand: 3 });
      expectFastAndSame(Buffer.from(JSON.stringify(inst)));
      expectFastAndSame(Buffer.from(render(inst as unknown as Json, mulberry32(5), LAYOUTS[3])));
    }
  });

  it("is what the command uses on a large file", () => {
    const inst = generateInstance({ requests: 10_000, offers: 1_000, candidates: 10, seed: 3 });
    const bytes = Buffer.from(JSON.stringify(inst));
    expect(bytes.length).toBeGreaterThan(FAST_PARSE_FROM_BYTES);
    const parsed = parseInstanceFile(bytes);
    sameInstance(parsed.instance, compileInstance(inst));
    expect(parsed.groups).toBeNull();
    expectFastAndSame(bytes);
  });

  it("reads every number JSON.parse reads to the same double", () => {
    const rnd = mulberry32(2024);
    const digits = (count: number) => Array.from({ length: count }, () => Math.floor(rnd() * 10)).join("");
    const texts = ["0", "-0", "0.0", "-0.0", "1e-7", "12.5E+2", "1E400", "-1e-400", "0.1", "0.30000000000000004"];
    texts.push("9007199254740993", "123456789012345", "1234567890123456", "0.000000000000001", "999999999999999.9");
    texts.push("5e-324", "1.7976931348623157e308", "2.2250738585072011e-308", "4.35", "0.000001", "1e22", "1e23");
    for (let k = 0; k < 30_000; k++) {
      const int = rnd() < 0.3 ? "0" : String(1 + Math.floor(rnd() * 9)) + digits(Math.floor(rnd() * 18));
      const frac = rnd() < 0.7 ? `.${digits(1 + Math.floor(rnd() * 18))}` : "";
      const exp =
        rnd() < 0.15 ? `${pick(rnd, ["e", "E"])}${pick(rnd, ["", "+", "-"])}${digits(1 + Math.floor(rnd() * 3))}` : "";
      texts.push(`${rnd() < 0.3 ? "-" : ""}${int}${frac}${exp}`);
    }
    const finite = texts.filter((t) => Number.isFinite(JSON.parse(t)));
    const edges = finite.map((t, k) => `{"request":"r","offer":"o${k}","score":${t}}`);
    const offers = finite.map((_, k) => `{"id":"o${k}","capacity":1}`);
    expectFastAndSame(Buffer.from(`{"requests":[{"id":"r","demand":1}],"offers":[${offers}],"edges":[${edges}]}`));
    for (const t of texts.filter((t) => !Number.isFinite(JSON.parse(t)))) {
      const one = '"requests":[{"id":"r","demand":1}],"offers":[{"id":"o","capacity":1}]';
      expectSameOutcome(Buffer.from(`{${one},"edges":[{"request":"r","offer":"o","score":${t}}]}`));
    }
  });

  it("reads edges given before their requests and offers, and ids spelled differently in edges", () => {
    expectFastAndSame(
      Buffer.from(
        '{"edges":[{"score":1,"offer":"\\u006f1","request":"r\\u00e9"}],"groups":null,' +
          '"offers":[{"capacity":2,"id":"o1"}],"requests":[{"id":"r\u00e9","demand":1}]}',
      ),
    );
    expectFastAndSame(Buffer.from('{"requests":[],"offers":[],"edges":[],"groups":[]}'));
    expectFastAndSame(Buffer.from(' \n{ "requests" : [ ] , "offers" : [ ] , "edges" : [ ] } \r\n\t'));
    // A lone surrogate escape is valid JSON; the id keeps it.
    expectFastAndSame(
      Buffer.from(
        '{"requests":[{"id":"\\ud800","demand":1}],"offers":[{"id":"o","capacity":1}],"edges":[{"request":"\\ud800","offer":"o","score":1}]}',
      ),
    );
  });
});

describe("declined input gets the text path's error", () => {
  const base = (edges = '{"request":"r1","offer":"o1","score":0.5}', requests = '{"id":"r1","demand":1}') =>
    `{"requests":[${requests},{"id":"r2","demand":2}],"offers":[{"id":"o1","capacity":1}],"edges":[${edges}]}`;
  const cases: [string, string | Buffer][] = [
    ["truncated", base().slice(0, 60)],
    ["trailing garbage", `${base()}x`],
    ["a second value", `${base()} {}`],
    ["a string for a number", base(undefined, '{"id":"r1","demand":"1"}')],
    ["a duplicate request id", base(undefined, '{"id":"r2","demand":1}')],
    ["a duplicate request id, escaped first", base(undefined, '{"id":"r\\u0032","demand":1}')],
    [
      "a duplicate offer id, escaped second",
      base().replace('"capacity":1}', '"capacity":1},{"id":"\\u006f1","capacity":1}'),
    ],
    ["an unknown offer", base('{"request":"r1","offer":"o9","score":1}')],
    ["an unknown request", base('{"request":"r\\u00e9","offer":"o1","score":1}')],
    ["demand 1.5", base(undefined, '{"id":"r1","demand":1.5}')],
    ["demand -1", base(undefined, '{"id":"r1","demand":-1}')],
    ["demand 2147483648", base(undefined, '{"id":"r1","demand":2147483648}')],
    ["demand 1e10", base(undefined, '{"id":"r1","demand":1e10}')],
    ["demand missing", base(undefined, '{"id":"r1"}')],
    ["an empty id", base(undefined, '{"id":"","demand":1}')],
    ["a number for an id", base(undefined, '{"id":1,"demand":1}')],
    ["score as the string NaN", base('{"request":"r1","offer":"o1","score":"NaN"}')],
    ["score too large", base('{"request":"r1","offer":"o1","score":1e999}')],
    ["score null", base('{"request":"r1","offer":"o1","score":null}')],
    ["score missing", base('{"request":"r1","offer":"o1"}')],
    ["a duplicate pair", base('{"request":"r1","offer":"o1","score":1},{"request":"r1","offer":"o1","score":2}')],
    ["an edge that is not an object", base("[]")],
    ["a top-level array", `[${base()}]`],
    ["a top-level null", "null"],
    ["an empty file", ""],
    ["only white space", " \n\t"],
    ["a byte order mark", `\ufeff${base()}`],
    ["a lone surrogate in an unknown id", base('{"request":"\\udc00","offer":"o1","score":1}')],
    ["edges missing", '{"requests":[],"offers":[]}'],
    ["edges null", '{"requests":[],"offers":[],"edges":null}'],
    ["requests an object", '{"requests":{},"offers":[],"edges":[]}'],
    ["a leading zero", base('{"request":"r1","offer":"o1","score":01}')],
    ["a bare dot", base('{"request":"r1","offer":"o1","score":1.}')],
    ["a plus sign", base('{"request":"r1","offer":"o1","score":+1}')],
    ["a bad escape", base(undefined, '{"id":"r\\x1","demand":1}')],
    ["a short unicode escape", base(undefined, '{"id":"r\\u12G4","demand":1}')],
    ["a raw tab in a string", base(undefined, '{"id":"r\t1","demand":1}')],
    ["a bad escape in an ignored field", base('{"request":"r1","offer":"o1","score":1,"note":"\\q"}')],
    ["a trailing comma", base('{"request":"r1","offer":"o1","score":1},')],
    ["a missing colon", base('{"request" "r1","offer":"o1","score":1}')],
    ["a bad literal", base('{"request":"r1","offer":"o1","score":1,"x":tru}')],
    ["a group with an unknown offer", base().replace(/}$/, ',"groups":[{"id":"g","capacity":1,"offers":["o9"]}]}')],
    ["groups not an array", base().replace(/}$/, ',"groups":{}}')],
    ["a repeated key (valid: the last counts)", base('{"request":"r1","offer":"o1","score":1,"score":2}')],
    ["a repeated top-level key (valid)", `${base().slice(0, -1)},"edges":[]}`],
    [
      "deep nesting in an ignored field (valid)",
      base(`{"request":"r1","offer":"o1","score":1,"x":${"[".repeat(3000)}${"]".repeat(3000)}}`),
    ],
    ["a DEL byte in an id (valid)", base(undefined, '{"id":"r\u007f","demand":1}')],
    [
      "malformed UTF-8 in an id",
      Buffer.concat([Buffer.from(base().slice(0, 20)), Buffer.from([0xff, 0xc3]), Buffer.from(base().slice(20))]),
    ],
    [
      "malformed UTF-8 in an ignored field (valid)",
      Buffer.concat([
        Buffer.from('{"x":"'),
        Buffer.from([0xf0, 0x9f, 0xe9, 0xff]),
        Buffer.from(`",${base().slice(1)}`),
      ]),
    ],
  ];
  it.each(cases)("%s", (_, input) => {
    expectSameOutcome(typeof input === "string" ? Buffer.from(input) : input);
  });

  const small = {
    ...randomInstance(3, SHAPES[1]),
    groups: [{ id: "g\u00e9", capacity: 2, offers: ["o1", "o2"] }],
  } as unknown as Json;
  it.each([
    ["laid out at random", render(small, mulberry32(9), LAYOUTS[5])],
    ["compact", JSON.stringify(small)],
  ])("fails like the text path on every prefix and on random byte edits of a small instance, %s", (_, text) => {
    const bytes = Buffer.from(text);
    for (let n = 0; n < bytes.length; n += 1) expectSameOutcome(bytes.subarray(0, n));
    const rnd = mulberry32(77);
    const alphabet = Buffer.from('{}[]":,. \n-+0123456789eE\\uabrox"ty', "latin1");
    for (let trial = 0; trial < 3000; trial++) {
      const copy = Buffer.from(bytes);
      const at = Math.floor(rnd() * copy.length);
      const kind = rnd();
      const edited =
        kind < 0.4
          ? ((copy[at] = pick(rnd, [...alphabet, 0x00, 0x80, 0xc3, 0xff])), copy)
          : kind < 0.7
            ? Buffer.concat([copy.subarray(0, at), copy.subarray(at + 1)])
            : Buffer.concat([copy.subarray(0, at), Buffer.from([pick(rnd, [...alphabet])]), copy.subarray(at)]);
      expectSameOutcome(edited);
    }
  });
});
