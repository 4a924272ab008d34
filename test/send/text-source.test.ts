import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../src/protocol/errors.js";
import { dropFinalNewline, pickText, readStdin } from "../../src/send/text-source.js";
import { tempDir } from "../helpers/run-cli.js";

const noStdin = async () => {
  throw new Error("stdin read");
};

describe("text sources", () => {
  it("drops exactly one final line break", () => {
    expect(dropFinalNewline("a\n")).toBe("a");
    expect(dropFinalNewline("a\r\n")).toBe("a");
    expect(dropFinalNewline("a\n\n")).toBe("a\n");
    expect(dropFinalNewline("a")).toBe("a");
  });

  it("reads a whole stream as UTF-8, multi-byte characters split across chunks", async () => {
    const euro = Buffer.from("€ ok\n");
    const stream = Readable.from([euro.subarray(0, 1), euro.subarray(1)]);
    expect(await readStdin(stream)).toBe("€ ok");
  });

  it("picks the one given, reading stdin for -", async () => {
    const options = (a?: string, b?: string) => [
      { label: "[text]", value: a },
      { label: "--message", value: b },
    ];
    expect(await pickText("message", options(undefined, "x"), noStdin)).toEqual({
      value: "x",
      label: "--message",
    });
    expect(await pickText("message", options("-"), async () => "piped")).toEqual({
      value: "piped",
      label: "[text] (stdin)",
    });
    expect(await pickText("message", options(), noStdin)).toEqual({ value: undefined, label: "message" });
    await expect(pickText("message", options("a", "b"), noStdin)).rejects.toThrow(
      /\[text\] and --message: give the message only once/,
    );
  });

  it("reads a file option, or names it when it cannot", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "b.txt"), "body\n");
    const file = (value: string) => [{ label: "--body-file", value, file: true }];
    expect(await pickText("body", file(join(dir, "b.txt")), noStdin)).toMatchObject({ value: "body\n" });
    const error = await pickText("body", file(join(dir, "none.txt")), noStdin).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe("--body-file");
    expect(error.message).toMatch(/cannot read .*none\.txt: no such file/);
  });
});
