import { isMap, isSeq, LineCounter, type Node, parseAllDocuments } from "yaml";
import type { z } from "zod";
import { ScenarioFileError, type ScenarioIssue } from "./errors.js";
import {
  ACTION_SCHEMAS,
  ACTIONS,
  type ActionName,
  type Scenario,
  ScenarioHead,
  STEP_COMMON,
  type Step,
} from "./types.js";
import { checkExpectation, checkVariables } from "./validate-fields.js";

type Path = (string | number)[];

/** Finds the line of a path in the document: the deepest node of it that exists. */
class Locator {
  constructor(
    private readonly root: Node | null | undefined,
    private readonly lines: LineCounter,
    private readonly base: Path,
  ) {}

  line(path: Path): number {
    let node: unknown = this.root;
    let found = node as Node | undefined;
    for (const key of [...this.base, ...path]) {
      if (isMap(node))
        node = node.items.find((pair) => (pair.key as { value?: unknown })?.value === key)?.value;
      else if (isSeq(node)) node = node.items[Number(key)];
      else break;
      if (node && typeof node === "object" && "range" in node) found = node as Node;
      else break;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? 1 : this.lines.linePos(offset).line;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Parses a scenario file (YAML or JSON): one scenario, `scenarios: [...]`, a list, or several YAML
 * documents. Throws ScenarioFileError naming the file, line and field of every problem.
 */
export function parseScenarioFile(text: string, file: string): Scenario[] {
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  const issues: ScenarioIssue[] = [];
  const scenarios: Scenario[] = [];
  if (!Array.isArray(docs)) {
    issues.push({ file, line: 1, field: "", message: "holds no scenario" });
    throw new ScenarioFileError(issues);
  }
  for (const doc of docs) {
    for (const error of doc.errors) {
      const line = lines.linePos(error.pos[0]).line;
      issues.push({
        file,
        line,
        field: "",
        message: `${doc.contents === null ? "" : ""}${error.message.split("\n")[0]}`,
      });
    }
  }
  if (issues.length > 0) throw new ScenarioFileError(issues);
  for (const doc of docs) {
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    const entries: { value: unknown; base: Path }[] = Array.isArray(value)
      ? value.map((v, i) => ({ value: v, base: [i] }))
      : isObject(value) && "scenarios" in value && !("steps" in value)
        ? listOf(value.scenarios).map((v, i) => ({ value: v, base: ["scenarios", i] }))
        : [{ value, base: [] }];
    if (isObject(value) && "scenarios" in value && !Array.isArray(value.scenarios))
      issues.push({
        file,
        line: new Locator(doc.contents, lines, []).line(["scenarios"]),
        field: "scenarios",
        message: "must be a list of scenarios",
      });
    for (const entry of entries) {
      const scenario = parseScenario(
        entry.value,
        file,
        new Locator(doc.contents, lines, entry.base),
        entry.base,
        issues,
      );
      if (scenario) scenarios.push(scenario);
    }
  }
  if (scenarios.length === 0 && issues.length === 0)
    issues.push({ file, line: 1, field: "", message: "holds no scenario" });
  // By line, as the person reads the file (sort is stable: one line's issues keep their order).
  if (issues.length > 0) throw new ScenarioFileError(issues.sort((a, b) => a.line - b.line));
  return scenarios;
}

/** zod's "expected string, received undefined" is, to a person editing a file, a missing field. */
function wording(message: string): string {
  const missing = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return missing ? `is missing (expected a ${missing[1]})` : message;
}

const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function pathText(base: Path, path: Path): string {
  return [...base, ...path].map(String).join(".");
}

function parseScenario(
  value: unknown,
  file: string,
  at: Locator,
  base: Path,
  issues: ScenarioIssue[],
): Scenario | undefined {
  const add = (path: Path, message: string) =>
    issues.push({ file, line: at.line(path), field: pathText(base, path), message });
  const addZod = (error: z.ZodError, prefix: Path) => {
    for (const issue of error.issues) {
      const path = [...prefix, ...(issue.path as Path)];
      // zod puts unknown keys on the object; the person wants the key's own line.
      if (issue.code === "unrecognized_keys")
        for (const key of issue.keys) add([...path, key], "is not a known key");
      else add(path, wording(issue.message));
    }
  };
  if (!isObject(value)) {
    add([], "must be a scenario: an object with name and steps");
    return undefined;
  }
  const head = ScenarioHead.safeParse(value);
  if (!head.success) {
    addZod(head.error, []);
    if (!Array.isArray(value.steps)) return undefined;
  }
  const steps: Step[] = [];
  const rawSteps = listOf(value.steps);
  const before = issues.length;
  rawSteps.forEach((raw, index) => {
    const step = parseStep(raw, [index], add, addZod, at);
    if (step) steps.push(step);
  });
  if (issues.length > before || !head.success) return undefined;
  const known = new Set(["default", ...Object.keys(head.data.clients ?? {})]);
  checkVariables(steps, (index, path, message) => add(["steps", index, ...path], message));
  steps.forEach((step, index) => {
    if (value.clients !== undefined && !known.has(step.client))
      add(
        ["steps", index, "client"],
        `names no client of this scenario's clients (${[...known].join(", ")})`,
      );
  });
  if (issues.length > before) return undefined;
  return {
    name: head.data.name,
    description: head.data.description,
    file,
    line: at.line([]),
    auth: head.data.auth ?? true,
    clients: head.data.clients ?? {},
    steps,
  };
}

function parseStep(
  raw: unknown,
  [index]: [number],
  add: (path: Path, message: string) => void,
  addZod: (error: z.ZodError, prefix: Path) => void,
  at: Locator,
): Step | undefined {
  const here: Path = ["steps", index];
  if (!isObject(raw)) {
    add(here, `must be an object with one of ${ACTIONS.join(", ")}`);
    return undefined;
  }
  const actions = ACTIONS.filter((name) => name in raw);
  if (actions.length !== 1) {
    const unknown = Object.keys(raw).filter(
      (k) => !(k in STEP_COMMON) && !(ACTIONS as readonly string[]).includes(k),
    );
    const extra = unknown.length > 0 ? ` (unknown: ${unknown.join(", ")})` : "";
    add(
      here,
      actions.length === 0
        ? `needs one of ${ACTIONS.join(", ")}${extra}`
        : `has ${actions.join(" and ")}: one action per step`,
    );
    return undefined;
  }
  const action = actions[0] as ActionName;
  const before = { count: 0 };
  const failed = () => {
    before.count++;
  };
  for (const key of Object.keys(raw)) {
    if (key === action || key in STEP_COMMON) continue;
    add(
      [...here, key],
      `is not a step key (a step has ${action} and may have ${Object.keys(STEP_COMMON).join(", ")})`,
    );
    failed();
  }
  const payload = ACTION_SCHEMAS[action].safeParse(raw[action]);
  if (!payload.success) {
    addZod(payload.error, [...here, action]);
    failed();
  }
  const common: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(STEP_COMMON)) {
    if (!(key in raw)) continue;
    const result = (schema as z.ZodType).safeParse(raw[key]);
    if (result.success) common[key] = result.data;
    else {
      addZod(result.error, [...here, key]);
      failed();
    }
  }
  if (action === "expect_broadcast" && payload.success)
    checkExpectation(raw[action], (path, message) => {
      add([...here, action, ...path], message);
      failed();
    });
  if (isObject(raw.expect))
    checkExpectation(raw.expect, (path, message) => {
      add([...here, "expect", ...path], message);
      failed();
    });
  if ((action === "wait_ms" || action === "expect_broadcast") && ("expect" in raw || "capture" in raw)) {
    add(
      [...here, "expect" in raw ? "expect" : "capture"],
      `does not go with ${action}${action === "expect_broadcast" ? " (put the fields in expect_broadcast itself)" : ""}`,
    );
    failed();
  }
  if (raw.concurrent === true && raw.repeat === undefined) {
    add([...here, "concurrent"], "goes with repeat: N");
    failed();
  }
  if (before.count > 0) return undefined;
  const data = payload.data as Step["payload"] | true;
  return {
    action,
    payload: action === "auth" ? (data === true ? {} : data) : data,
    line: at.line(here),
    client: (common.client as string | undefined) ?? "default",
    expect: common.expect as Step["expect"],
    capture: common.capture as Step["capture"],
    repeat: (common.repeat as number | undefined) ?? 1,
    concurrent: (common.concurrent as boolean | undefined) ?? false,
  } as Step;
}
