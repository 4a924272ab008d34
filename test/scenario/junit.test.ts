import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { junitReport } from "../../src/scenario/reporters/junit.js";
import { tapReport } from "../../src/scenario/reporters/tap.js";
import { summarize } from "../../src/scenario/results.js";

const NASTY = `a <b> & "c" 'd' \u0001 ]]> \n next`;

const result = summarize(
  [
    {
      name: "passes",
      file: "scenarios/a.yaml",
      line: 1,
      status: "passed",
      durationMs: 12,
      stepsPassed: 2,
      steps: 2,
    },
    {
      name: NASTY,
      file: "scenarios/a.yaml",
      line: 9,
      status: "failed",
      durationMs: 1500,
      stepsPassed: 1,
      steps: 3,
      failure: {
        step: 2,
        action: "send_sms",
        line: 12,
        client: "default",
        message: "the reply does not match the expectation",
        rows: [{ field: "user", expected: '"bob"', actual: '"a<&>"', ok: false }],
        actual: { type: "send_sms_response", user: "a<&>" },
      },
    },
    {
      name: "skipped",
      file: "scenarios/b.yaml",
      line: 1,
      status: "skipped",
      durationMs: 0,
      stepsPassed: 0,
      steps: 1,
    },
  ],
  1600,
  "ws://127.0.0.1:1",
);

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

describe("junitReport", () => {
  it("is well-formed XML with the JUnit schema's required elements and attributes", () => {
    const xml = junitReport(result);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true }).parse(
      xml,
    );
    const root = doc.testsuites;
    expect(root).toMatchObject({ tests: "3", failures: "1", errors: "0", time: "1.600" });
    const suites = asList(root.testsuite);
    expect(suites.map((s: Record<string, string>) => [s.name, s.tests, s.failures, s.errors])).toEqual([
      ["scenarios/a.yaml", "2", "1", "0"],
      ["scenarios/b.yaml", "1", "0", "0"],
    ]);
    for (const suite of suites) expect(Number(suite.time)).not.toBeNaN();
    const cases = suites.flatMap((s: { testcase: unknown }) => asList(s.testcase)) as Record<
      string,
      unknown
    >[];
    expect(cases.map((c) => [c.name, c.classname, c.time])).toEqual([
      ["passes", "scenarios/a.yaml", "0.012"],
      ["a <b> & \"c\" 'd'  ]]> \n next", "scenarios/a.yaml", "1.500"],
      ["skipped", "scenarios/b.yaml", "0.000"],
    ]);
    const failure = cases[1]?.failure as Record<string, string>;
    expect(failure.message).toBe(
      "step 2 send_sms (scenarios/a.yaml:12): the reply does not match the expectation",
    );
    expect(failure["#text"]).toContain('- user: "bob"\n+ user: "a<&>"');
    expect(cases[2]).toHaveProperty("skipped");
    expect(cases[0]).not.toHaveProperty("failure");
  });
});

describe("tapReport", () => {
  it("is TAP 14 with one test point per scenario and the failure as YAML", () => {
    const tap = tapReport(result);
    const lines = tap.split("\n");
    expect(lines.slice(0, 3)).toEqual(["TAP version 14", "1..3", "ok 1 - passes"]);
    expect(lines[3]).toMatch(/^not ok 2 - /);
    expect(tap).toContain(
      `  message: 'step 2 send_sms (scenarios/a.yaml:12): the reply does not match the expectation'`,
    );
    expect(tap).toContain("ok 3 - skipped # SKIP");
    expect(tap.trimEnd().split("\n").slice(-3)).toEqual(["# pass 1", "# fail 1", "# skip 1"]);
  });
});
