import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { colorsFor, prepareColors } from "../../src/commands/colors.js";

const pipe = { isTTY: false } as NodeJS.WriteStream;

describe("colorsFor", () => {
  it("paints nothing on a pipe, word for word as chalk at level 0, without loading chalk", () => {
    const plain = colorsFor(pipe, {});
    const chalk = new Chalk({ level: 0 });
    for (const paint of [(c: typeof chalk) => c.red("x"), (c: typeof chalk) => c.bold.green("a", 1, "b")])
      expect(paint(plain)).toBe(paint(chalk));
    expect([plain.dim(""), plain.yellow(), plain.cyan(42), plain.visible("v"), plain.level]).toEqual([
      chalk.dim(""),
      chalk.yellow(),
      chalk.cyan(42),
      chalk.visible("v"),
      0,
    ]);
  });

  it("paints with FORCE_COLOR once chalk is prepared", async () => {
    await prepareColors({ FORCE_COLOR: "1" });
    expect(colorsFor(pipe, { FORCE_COLOR: "1" }).red("x")).toBe("\u001b[31mx\u001b[39m");
  });
});
