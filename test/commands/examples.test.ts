import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { helpExamples, README_PATH, tourExamples } from "../helpers/examples.js";
import { commandHelps, helpOf } from "../helpers/help-text.js";

// test/stress/examples.test.ts runs every example; this checks, fast, that there are examples to run.

describe("the examples users copy", () => {
  it("every command's --help has examples that call xswarm-dev", async () => {
    expect(helpExamples(helpOf(await buildProgram())).length).toBeGreaterThan(0);
    for (const [name, help] of await commandHelps()) {
      const examples = helpExamples(help).filter((e) => e.includes("xswarm-dev "));
      expect(examples.length, name).toBeGreaterThanOrEqual(3);
    }
  });

  it("the README has a tour of xswarm-dev commands", () => {
    expect(tourExamples(readFileSync(README_PATH, "utf8")).length).toBeGreaterThan(0);
  });

  it("a README without a tour fails clearly", () => {
    expect(() => tourExamples("# xswarm-dev\n\n## Install\n")).toThrow("README.md has no `## Tour` section");
    expect(
      tourExamples("## Tour\n\n```sh\nnpx xswarm-dev doctor   # check\nnpm start\n```\n## Next\n"),
    ).toEqual(["xswarm-dev doctor"]);
  });
});
