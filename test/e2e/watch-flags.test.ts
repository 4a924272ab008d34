import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/run-cli.js";
import { sms } from "../helpers/traffic-entries.js";
import { watchPane } from "./watch-fixture.js";

describe("watch flags", () => {
  it("--embedded with --url exits 2 naming both (it would be ignored)", async () => {
    const result = await runCli(["watch", "--embedded", "--url", "ws://127.0.0.1:1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--url and --embedded exclude each other");
    expect(result.stdout).toBe("");
  });

  it.each(["0", "abc", "2.5"])("--buffer %s exits 2 with what a buffer must be", async (value) => {
    const result = await runCli(["watch", "--replay", "x.jsonl", "--buffer", value]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--buffer must be a whole number from 10 to 1000000");
  });

  it("--buffer N bounds the dashboard: a replay of 30 events keeps the newest 10", async () => {
    const dir = tempDir();
    const file = join(dir, "rec.jsonl");
    const entries = Array.from({ length: 30 }, (_, i) => ({ ...sms(`m${i}`), seq: i + 1 }));
    writeFileSync(file, `${entries.map((e) => JSON.stringify(e)).join("\n")}\n`);
    const pane = watchPane(`--replay ${file} --speed 0 --buffer 10`);
    try {
      pane.start();
      const screen = await pane.waitForText(/replay finished[\s\S]*☎ sms 10 /);
      expect(screen).toMatch(/ 10 events/);
      expect(screen).toContain('"m29"');
      expect(screen).not.toContain('"m19"');
    } finally {
      pane.kill();
    }
  });
});
