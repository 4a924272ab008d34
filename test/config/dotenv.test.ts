import { describe, expect, it } from "vitest";
import { parseDotenv } from "../../src/config/dotenv.js";
import { ConfigError } from "../../src/config/errors.js";
import { thrown } from "../helpers/thrown.js";

const values = (text: string) =>
  Object.fromEntries([...parseDotenv(text, ".env")].map(([k, e]) => [k, e.value]));

const errorOf = (text: string, file = ".env.local") => thrown(ConfigError, () => parseDotenv(text, file));

describe("parseDotenv", () => {
  it("reads KEY=VALUE, export, comments, blank lines and records the line", () => {
    const text = "# a comment\n\nA=1\nexport B = two words  \n  C=x # trailing comment\nD=a#b\r\n";
    const entries = parseDotenv(text, ".env");
    expect(Object.fromEntries([...entries].map(([k, e]) => [k, e.value]))).toEqual({
      A: "1",
      B: "two words",
      C: "x",
      D: "a#b",
    });
    expect(entries.get("B")?.line).toBe(4);
    expect(entries.get("D")?.line).toBe(6);
  });

  it("handles single and double quotes and escapes", () => {
    expect(
      values(
        [
          "S='lit # \\n $x'",
          'D="line1\\nline2\\t\\"q\\" \\\\ \\d"',
          "E=''",
          'F="with # hash" # comment',
        ].join("\n"),
      ),
    ).toEqual({
      S: "lit # \\n $x",
      D: 'line1\nline2\t"q" \\ \\d',
      E: "",
      F: "with # hash",
    });
  });

  it("lets a later assignment win", () => {
    const entries = parseDotenv("A=1\nA=2\n", ".env");
    expect(entries.get("A")).toEqual({ value: "2", line: 2 });
  });

  it("accepts an empty file and a BOM", () => {
    expect(values("")).toEqual({});
    expect(values("\uFEFFA=1")).toEqual({ A: "1" });
  });

  it.each([
    ["A=1\nnot a line\n", 2, "expected KEY=VALUE"],
    ["A=1\n\n=3", 3, "missing variable name"],
    ["1BAD=x", 1, "invalid variable name"],
    ['A="open', 1, "A: unterminated double quote"],
    ["\n\nB='open", 3, "B: unterminated single quote"],
    ['C="x" y', 1, "C: unexpected text after the closing quote"],
  ])("names the file and line of a malformed line: %j", (text, line, detail) => {
    const error = errorOf(text);
    expect(error.code).toBe("config_error");
    expect(error.message.startsWith(`.env.local:${line}: ${detail}`)).toBe(true);
    expect(error.file).toBe(".env.local");
    expect(error.line).toBe(line);
    expect(error.hint).toBeTruthy();
  });

  it("never echoes the malformed text, which may hold a token", () => {
    const error = errorOf('SUPERVISOR_TOKEN="s3cret-value-123');
    expect(error.message).not.toContain("s3cret");
    expect(errorOf("s3cret-value-123").message).not.toContain("s3cret");
  });
});
