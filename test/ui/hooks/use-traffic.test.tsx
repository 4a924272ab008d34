import { Text } from "ink";
import { render } from "ink-testing-library";
import { type Dispatch, useEffect } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useTraffic } from "../../../src/ui/hooks/use-traffic.js";
import type { DashboardAction } from "../../../src/ui/state/types.js";
import { HandSource } from "../../helpers/fake-source.js";
import { ping, sms, trafficEntry } from "../../helpers/traffic-entries.js";

function Probe(props: {
  source: HandSource;
  dispatch: Dispatch<DashboardAction>;
  hold: boolean;
  onBatched: (batched: Dispatch<DashboardAction>) => void;
}) {
  const batched = useTraffic(props.source, props.dispatch, 5, Date.now, props.hold);
  useEffect(() => props.onBatched(batched), [batched, props.onBatched]);
  return <Text>probe</Text>;
}

const until = (done: () => boolean) =>
  new Promise<void>((resolve) => {
    const check = () => (done() ? resolve() : setTimeout(check, 1));
    check();
  });

const mounted: { unmount(): void }[] = [];
afterEach(() => {
  for (const app of mounted.splice(0)) app.unmount();
});

async function mount(hold: boolean) {
  const source = new HandSource();
  const seen: DashboardAction[] = [];
  let batched: Dispatch<DashboardAction> | undefined;
  const dispatch = (action: DashboardAction) => seen.push(action);
  const onBatched = (d: Dispatch<DashboardAction>) => {
    batched = d;
  };
  const props = { source, dispatch, onBatched };
  const app = render(<Probe {...props} hold={hold} />);
  mounted.push(app);
  const rerender = (next: boolean) => app.rerender(<Probe {...props} hold={next} />);
  await until(() => batched !== undefined);
  return { source, seen, batched: (a: DashboardAction) => batched?.(a), rerender };
}

const pong = () => trafficEntry({ type: "pong" }, { direction: "out" });
const entriesOf = (seen: DashboardAction[]) =>
  seen.flatMap((a) => (a.type === "events" ? a.entries.map((e) => e.frame?.type) : []));

describe("useTraffic's hidden keepalives", () => {
  it("holds a batch of only pings and pongs (the round-trip time still goes in), then adds them first", async () => {
    const { source, seen, batched } = await mount(true);
    source.push(ping(), pong());
    batched({ type: "ping", ms: 1 });
    await until(() => seen.length > 0);
    expect(seen).toEqual([{ type: "ping", ms: 1 }]);
    source.push(sms("hello"));
    await until(() => seen.length > 1);
    expect(entriesOf(seen)).toEqual(["ping", "pong", "sms_received"]);
  });

  it("adds the held ones as soon as something shows keepalives, and holds none while it does", async () => {
    const { source, seen, batched, rerender } = await mount(true);
    source.push(ping(), pong());
    batched({ type: "ping", ms: 1 });
    await until(() => seen.length > 0);
    rerender(false);
    await until(() => seen.length > 1);
    expect(entriesOf(seen)).toEqual(["ping", "pong"]);
    source.push(ping());
    await until(() => seen.length > 2);
    expect(entriesOf(seen)).toEqual(["ping", "pong", "ping"]);
  });
});
