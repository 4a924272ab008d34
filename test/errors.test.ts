import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli.js";
import { ERROR_CODES, EXIT, EXIT_MEANING, exitCodeOf, exitCodesHelp, isErrorCode } from "../src/errors.js";
import { commandHelps, helpOf } from "./helpers/help-text.js";

/** The exit-code lines of a help text: number and wording. */
function exitLines(help: string): Array<[number, string]> {
  const block = help.split("\nExit codes:\n")[1] ?? "";
  return [...block.matchAll(/^ +(\d+) {2}(.+)$/gm)].map((m) => [Number(m[1]), m[2] ?? ""]);
}

describe("the error table", () => {
  it("gives every error code an exit code of the EXIT table and a wording", () => {
    const exits = new Set<number>(Object.values(EXIT));
    for (const [code, info] of Object.entries(ERROR_CODES)) {
      expect(Object.hasOwn(EXIT, info.exit), code).toBe(true);
      expect(exits.has(exitCodeOf(code as keyof typeof ERROR_CODES)), code).toBe(true);
      expect(info.means.trim().length, code).toBeGreaterThan(10);
      expect(isErrorCode(code)).toBe(true);
    }
    expect(isErrorCode("no_such_code")).toBe(false);
    // Codes a user's script depends on keep their numbers.
    expect([
      exitCodeOf("invalid_input"),
      exitCodeOf("connection_refused"),
      exitCodeOf("auth_failed"),
    ]).toEqual([2, 3, 4]);
    expect([exitCodeOf("timeout"), exitCodeOf("supervisor_error"), exitCodeOf("remote_not_allowed")]).toEqual(
      [5, 1, 2],
    );
  });

  it("gives every exit code its wording, and --help lists exactly that", async () => {
    for (const name of Object.keys(EXIT) as (keyof typeof EXIT)[])
      expect(EXIT_MEANING[name].length).toBeGreaterThan(1);
    const main = exitLines(helpOf(await buildProgram()));
    expect(main.map(([n]) => n)).toEqual([0, 1, 2, 3, 4, 5, 130]);
    for (const [number, wording] of main) {
      const name = (Object.keys(EXIT) as (keyof typeof EXIT)[]).find((n) => EXIT[n] === number);
      expect(name && wording.startsWith(EXIT_MEANING[name]), wording).toBe(true);
    }
  });

  it("builds every command's exit codes from the table: numbers it knows, in order", async () => {
    const known = new Set<number>(Object.values(EXIT));
    for (const [name, help] of await commandHelps()) {
      const lines = exitLines(help);
      // `completion` can only print its script (0) or refuse a shell (2).
      expect(lines.length, name).toBeGreaterThanOrEqual(name === "completion" ? 2 : 3);
      const numbers = lines.map(([n]) => n);
      expect(
        numbers.every((n) => known.has(n)),
        name,
      ).toBe(true);
      expect([...numbers].sort((a, b) => a - b)).toEqual(numbers);
    }
  });

  it("indents a wording's second line under its first", () => {
    expect(exitCodesHelp({ ok: "first\nsecond", interrupted: true })).toBe(
      "\nExit codes:\n    0  first\n       second\n  130  interrupted by Ctrl-C (SIGINT) before the run finished",
    );
  });
});
