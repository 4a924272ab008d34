import { Text } from "ink";
import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import type { SupervisorClient } from "../../../src/client/supervisor-client.js";
import { usePing } from "../../../src/ui/hooks/use-ping.js";
import type { DashboardAction } from "../../../src/ui/state/types.js";

function Probe({ client, dispatch }: { client: SupervisorClient; dispatch: (a: DashboardAction) => void }) {
  usePing(client, true, dispatch, 60_000);
  return <Text>probe</Text>;
}

describe("usePing", () => {
  it("shows the second round trip of a new link, not its cold first one", async () => {
    const times = [120, 1.2];
    const client = { ping: vi.fn(async () => times.shift() ?? 0) } as unknown as SupervisorClient;
    const actions: DashboardAction[] = [];
    const app = render(<Probe client={client} dispatch={(a) => actions.push(a)} />);
    await vi.waitFor(() => expect(actions).toHaveLength(1));
    expect(actions).toEqual([{ type: "ping", ms: 1.2 }]);
    expect(client.ping).toHaveBeenCalledTimes(2);
    app.unmount();
  });

  it("tells a failed first ping at once", async () => {
    const client = {
      ping: vi.fn(async () => {
        throw new Error("timed out");
      }),
    } as unknown as SupervisorClient;
    const actions: DashboardAction[] = [];
    const app = render(<Probe client={client} dispatch={(a) => actions.push(a)} />);
    await vi.waitFor(() => expect(actions).toEqual([{ type: "ping", ms: undefined }]));
    expect(client.ping).toHaveBeenCalledTimes(1);
    app.unmount();
  });
});
