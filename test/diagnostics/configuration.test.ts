import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkConfiguration, configWarnings, isLoopback } from "../../src/diagnostics/index.js";
import type { DoctorContext, DoctorOptions } from "../../src/diagnostics/types.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "xswarm-doctor-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const context = (options: DoctorOptions): DoctorContext => ({
  options: { cwd: dir, env: {}, ...options },
  networkTimeoutMs: 0,
  protocolTimeoutMs: 0,
  eventTimeoutMs: 0,
  cleanups: [],
});

const config = (over: { url?: string; token?: string; environment?: string }) => ({
  url: "ws://127.0.0.1:9999",
  token: "dev-token-12345",
  environment: "local",
  timeoutMs: 10_000,
  sources: {},
  ...over,
});

describe("checkConfiguration", () => {
  it("passes with the defaults and shows each value, the token masked, and its source", async () => {
    const ctx = context({});
    const outcome = await checkConfiguration(ctx);
    expect(outcome).toEqual({
      status: "pass",
      detail: "url ws://127.0.0.1:9999 (default), token dev-…345 (default), environment local (default)",
    });
    expect(ctx.config?.token).toBe("dev-token-12345");
  });

  it("names the file and line of each source, and never shows the token", async () => {
    await writeFile(join(dir, ".env.local"), "# mine\nSUPERVISOR_TOKEN=very-secret-token-987\n");
    await writeFile(join(dir, "wrangler.toml"), '[vars]\nENVIRONMENT = "development"\n');
    const ctx = context({ flags: { url: "ws://localhost:9000" } });
    const outcome = await checkConfiguration(ctx);
    expect(outcome.status).toBe("pass");
    expect(outcome.detail).toBe(
      "url ws://localhost:9000 (--url), token very…987 (.env.local:2), environment development (wrangler.toml [vars])",
    );
    expect(JSON.stringify(outcome)).not.toContain("very-secret-token-987");
  });

  it("derives short per-step timeouts from the configured timeout, capped", async () => {
    const ctx = context({ flags: { timeoutMs: "800" } });
    await checkConfiguration(ctx);
    expect([ctx.networkTimeoutMs, ctx.protocolTimeoutMs, ctx.eventTimeoutMs]).toEqual([800, 800, 800]);
    const big = context({ flags: { timeoutMs: "60000" }, limits: { networkMs: 300, protocolMs: 400 } });
    await checkConfiguration(big);
    expect([big.networkTimeoutMs, big.protocolTimeoutMs, big.eventTimeoutMs]).toEqual([300, 400, 60_000]);
    const defaults = context({ flags: { timeoutMs: "60000" } });
    await checkConfiguration(defaults);
    expect([defaults.networkTimeoutMs, defaults.protocolTimeoutMs]).toEqual([1500, 5000]);
  });

  it("fails with the file and line of a malformed file, and the hint", async () => {
    await writeFile(join(dir, ".env"), "SUPERVISOR_URL=ws://h:1\nbroken line\n");
    const ctx = context({});
    const outcome = await checkConfiguration(ctx);
    expect(outcome.status).toBe("fail");
    expect(outcome.detail).toBe(".env:2: expected KEY=VALUE, found no `=`");
    expect(outcome.hint).toMatch(/KEY=VALUE/);
    expect(ctx.config).toBeUndefined();
  });

  it("leaves a URL with the wrong scheme to the URL check", async () => {
    const ctx = context({ flags: { url: "http://127.0.0.1:9999" } });
    expect((await checkConfiguration(ctx)).status).toBe("pass");
  });

  it("warns, with the finding and the hint, when the environment is production", async () => {
    const outcome = await checkConfiguration(context({ env: { ENVIRONMENT: "production" } }));
    expect(outcome.status).toBe("warn");
    expect(outcome.detail).toContain("the default dev token is used with ENVIRONMENT=production");
    expect(outcome.detail).toContain("Cloudflare Workers cannot open WebSocket clients");
    expect(outcome.hint).toContain("SUPERVISOR_TOKEN");
    expect(outcome.hint).toContain("HTTP API");
  });
});

describe("configWarnings", () => {
  it("has none for the local defaults", () => {
    expect(configWarnings(config({}))).toEqual([]);
  });

  it("warns about the default token outside ENVIRONMENT=local only", () => {
    expect(configWarnings(config({ environment: "staging" })).map((w) => w.finding)).toEqual([
      "the default dev token is used with ENVIRONMENT=staging",
    ]);
    expect(configWarnings(config({ environment: "staging", token: "a-real-secret-1" }))).toEqual([]);
  });

  it("warns about production even with a real token", () => {
    const warnings = configWarnings(config({ environment: "production", token: "a-real-secret-1" }));
    expect(warnings.map((w) => w.finding)).toEqual([
      "ENVIRONMENT=production: Cloudflare Workers cannot open WebSocket clients",
    ]);
  });

  it("warns about ws:// to a host that is not loopback, not about wss:// or loopback", () => {
    expect(configWarnings(config({ url: "ws://10.0.0.5:9999" })).map((w) => w.finding)).toEqual([
      "ws://10.0.0.5:9999 is not loopback, so the token would travel unencrypted",
    ]);
    expect(configWarnings(config({ url: "wss://supervisor.example.com" }))).toEqual([]);
    expect(configWarnings(config({ url: "ws://localhost:9999" }))).toEqual([]);
    expect(configWarnings(config({ url: "ws://[::1]:9999" }))).toEqual([]);
  });
});

describe("isLoopback", () => {
  it.each([
    ["localhost", true],
    ["LOCALHOST", true],
    ["app.localhost", true],
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["[::1]", true],
    ["::1", true],
    ["10.0.0.1", false],
    ["example.com", false],
    ["127.0.0.1.example.com", false],
  ])("%s → %s", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
