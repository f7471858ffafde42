import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { fileURLToPath } from "node:url";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };

/**
 * End-to-end files share one server and its data, and a journey changes what later files see
 * (a re-assessment moves the requester's scores, and so a matching round). They run in name
 * order, never in the order of last run's timings, so a run is the same every time.
 */
class EndToEndByFileName extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const endToEnd = files.filter((f) => f.project.name === "e2e").sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    return [...(await super.sort(files.filter((f) => f.project.name !== "e2e"))), ...endToEnd];
  }
}

export default defineConfig({
  resolve: { alias },
  test: {
    sequence: { sequencer: EndToEndByFileName },
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "e2e",
          include: ["tests/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One server and one browser serve every e2e file, one file at a time.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
