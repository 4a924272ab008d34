import { describe, expect, it } from "vitest";
import { LineBatch } from "../../src/supervisor/line-batch.js";

const collect = () => {
  const chunks: string[] = [];
  // The batch hands out a view of its buffer: copied before the next line overwrites it.
  return { chunks, out: (bytes: Buffer) => chunks.push(bytes.toString("utf8")) };
};

describe("LineBatch", () => {
  it("hands out the lines in order, each ending in a newline, UTF-8 kept", () => {
    const batch = new LineBatch();
    const { chunks, out } = collect();
    batch.add('{"msg":"héllo"}', out);
    batch.add('{"msg":"😀"}', out);
    expect(chunks).toEqual([]);
    batch.drain(out);
    batch.drain(out);
    expect(chunks).toEqual(['{"msg":"héllo"}\n{"msg":"😀"}\n']);
  });

  it("writes out what it holds before a line that would not fit, and a huge line on its own", () => {
    const batch = new LineBatch();
    const { chunks, out } = collect();
    const line = "x".repeat(60_000);
    for (let i = 0; i < 3; i++) batch.add(line, out);
    const huge = "y".repeat(200_000);
    batch.add(huge, out);
    batch.add("z", out);
    batch.drain(out);
    expect(chunks.join("")).toBe(`${line}\n${line}\n${line}\n${huge}\nz\n`);
    expect(chunks.length).toBeGreaterThan(1);
  });
});
