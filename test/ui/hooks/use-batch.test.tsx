import { Text } from "ink";
import { render } from "ink-testing-library";
import { useEffect } from "react";
import { describe, expect, it } from "vitest";
import { useBatch } from "../../../src/ui/hooks/use-batch.js";

function Probe({
  flush,
  items,
  intervalMs,
}: {
  flush: (items: number[]) => void;
  items: number[];
  intervalMs: number;
}) {
  const push = useBatch(flush, intervalMs);
  useEffect(() => {
    for (const item of items) push(item);
  }, [items, push]);
  return <Text>probe</Text>;
}

describe("useBatch", () => {
  it("hands over everything pushed in one interval in a single call, in order", async () => {
    const batches: number[][] = [];
    let done: () => void = () => {};
    const flushed = new Promise<void>((resolve) => {
      done = resolve;
    });
    const app = render(
      <Probe
        intervalMs={50}
        items={Array.from({ length: 1000 }, (_, i) => i)}
        flush={(items) => {
          batches.push(items);
          done();
        }}
      />,
    );
    await flushed;
    app.unmount();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it("flushes the first batch one interval after its first item, and nothing after unmount", async () => {
    const batches: number[][] = [];
    const app = render(<Probe intervalMs={20} items={[1, 2, 3]} flush={(items) => batches.push(items)} />);
    expect(batches).toEqual([]);
    await new Promise<void>((resolve) => {
      const check = () => (batches.length > 0 ? resolve() : setImmediate(check));
      check();
    });
    expect(batches).toEqual([[1, 2, 3]]);
    app.rerender(<Probe intervalMs={10_000} items={[4]} flush={(items) => batches.push(items)} />);
    app.unmount();
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1, 2, 3]]);
  });
});
