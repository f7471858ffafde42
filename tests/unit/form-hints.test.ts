import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DATE_EXAMPLE, DATE_HINT } from "~/lib/date-hint";
import { actionUpdateSchema, parseNewLearning, webAddress } from "~/schemas/learning";
import { offerActionSchema } from "~/schemas/offer";

const ISO_DATE = /\d{4}-\d{2}-\d{2}/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".tsx") ? [path] : [];
  });
}

/** Each `type="date"` element's own text, from its opening `<` to its `/>`. */
function dateInputs(source: string): string[] {
  const found: string[] = [];
  let at = source.indexOf('type="date"');
  while (at >= 0) {
    const start = source.lastIndexOf("<", at);
    const end = source.indexOf("/>", at);
    found.push(source.slice(start, end));
    at = source.indexOf('type="date"', at + 1);
  }
  return found;
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(values)) data.append(name, value);
  return data;
};

describe("date hints match the date picker", () => {
  it("gives examples the way the picker shows them, day/month/year", () => {
    expect(DATE_EXAMPLE).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    expect(DATE_HINT).toBe(`For example, ${DATE_EXAMPLE}`);
  });

  it("no date field in the app hints at the form the server receives", () => {
    const inputs = sourceFiles(join(__dirname, "../../app")).flatMap((file) =>
      dateInputs(readFileSync(file, "utf8")).map((text) => ({ file, text })),
    );
    expect(inputs.length).toBeGreaterThan(5);
    expect(inputs.filter((i) => ISO_DATE.test(i.text))).toEqual([]);
  });

  it("date messages in schemas use the same example", () => {
    const update = actionUpdateSchema.safeParse({
      intent: "updateAction",
      actionId: "a1",
      status: "open",
      owner: "Sam",
      dueOn: "31 February",
    });
    expect(update.success ? "" : update.error.issues[0].message).toBe(
      `The due date must be a real date, like ${DATE_EXAMPLE}`,
    );
    const pause = offerActionSchema.safeParse({ intent: "pause", until: "soon", reason: "Winter" });
    expect(pause.success ? "" : pause.error.issues[0].message).toBe(
      `Enter the date the offer can take requests again, like ${DATE_EXAMPLE}`,
    );
  });
});

describe("link fields that ask for https://", () => {
  it("keep https addresses and refuse http and other schemes", () => {
    expect(webAddress("https://example.org/paper")).toBe("https://example.org/paper");
    expect(webAddress("http://example.org/paper")).toBeNull();
    expect(webAddress("javascript:alert(1)")).toBeNull();
    expect(webAddress("example.org")).toBeNull();
  });

  it("say by the field that http:// is not enough", () => {
    const result = parseNewLearning(
      form({
        title: "Huddles",
        insight: "Short and daily.",
        capabilityIds: "c1",
        visibility: "shared",
        "linkTitle-1": "Board paper",
        "linkUrl-1": "http://example.org/paper",
        "linkTitle-2": "Notes",
        "linkUrl-2": "notes",
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      "linkUrl-1": "The web address of link 1 must start with https://, not http://",
      "linkUrl-2": "Enter the web address of link 2 in full, starting with https://",
    });
  });
});
