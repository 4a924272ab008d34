import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/index.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { runCli, tempDir } from "../helpers/run-cli.js";
import { CLI_ENTRY, withStaticImports } from "../helpers/static-imports.js";

// zod (~19 ms to import), smol-toml and the supervisor's parser are loaded by a command only when it
// needs them: an odd frame, a bad input, a wrangler.toml. A run that sees only valid replies must not
// load them (the bundle's chunks are checked by what they hold, as their names are hashes).
const RECORDER = fileURLToPath(new URL("../helpers/record-modules.mjs", import.meta.url));
const MARKERS = {
  zod: `"$ZodError"`,
  "smol-toml": "class _TomlDate",
  "the supervisor's parser": "parseClientMessage",
};

let server: SupervisorHandle;
beforeAll(async () => {
  server = await startSupervisor({ port: 0, logFile: null, env: {} });
});
afterAll(async () => {
  await server.close();
});

/** Runs the CLI with `args`; resolves with what of MARKERS the modules it loaded hold. */
async function loadedMarkers(args: string[], cwd = tempDir()): Promise<string[]> {
  const file = join(cwd, "modules.txt");
  writeFileSync(file, "");
  const result = await runCli(args, {
    cwd,
    nodeArgs: ["--import", RECORDER],
    env: { RECORD_MODULES_FILE: file },
  });
  expect(result.code, result.stderr).toBe(0);
  const urls = readFileSync(file, "utf8")
    .split("\n")
    .filter((u) => u.startsWith("file:"));
  expect(urls.length).toBeGreaterThan(1);
  // The entry and its static imports load through require(), which the hooks do not see.
  const { files } = withStaticImports([CLI_ENTRY, ...urls.map((u) => fileURLToPath(u))]);
  const texts = files.map((f) => readFileSync(f, "utf8"));
  return Object.entries(MARKERS)
    .filter(([, marker]) => texts.some((t) => t.includes(marker)))
    .map(([name]) => name);
}

describe("what a command loads", () => {
  const url = () => `ws://127.0.0.1:${server.port}`;
  const sms = () => ["send-sms", "hi", "--from", "+15551230000", "--to", "+15551230001", "--user", "u1"];

  it("send-sms against a supervisor loads neither zod nor smol-toml nor the supervisor's parser", async () => {
    expect(await loadedMarkers([...sms(), "--url", url(), "--json"])).toEqual([]);
  });

  it("doctor against a supervisor loads neither zod nor smol-toml nor the supervisor's parser", async () => {
    expect(await loadedMarkers(["doctor", "--url", url(), "--json"])).toEqual([]);
  });

  it("send-sms loads smol-toml when a wrangler.toml gives the URL", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "wrangler.toml"), `[vars]\nSUPERVISOR_URL = "${url()}"\n`);
    expect(await loadedMarkers([...sms(), "--json"], cwd)).toEqual(["smol-toml"]);
  });
});
