import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  connectClient,
  startTinyUpstream,
  type TinyUpstream,
  UPSTREAM_TOKEN,
} from "../helpers/tap-fixtures.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

interface Running {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout or stderr matches. */
  waitFor(pattern: RegExp, stream?: "stdout" | "stderr"): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
const upstreams: TinyUpstream[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  for (const upstream of upstreams.splice(0)) await upstream.close();
});

function runTap(args: string[]): Running {
  const child = spawn(process.execPath, ["bin/xswarm-dev.js", "tap", ...args], {
    cwd: ROOT,
    env: withoutColour(process.env),
  });
  children.push(child);
  const out = { stdout: "", stderr: "" };
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const waiter of waiters) waiter();
  };
  child.stdout?.on("data", (d: Buffer) => {
    out.stdout += d.toString();
    wake();
  });
  child.stderr?.on("data", (d: Buffer) => {
    out.stderr += d.toString();
    wake();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  exited.then(wake);
  return {
    child,
    stdout: () => out.stdout,
    stderr: () => out.stderr,
    exited,
    waitFor: (pattern, stream = "stdout") =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = out[stream].match(pattern);
          if (match) {
            waiters.delete(check);
            resolve(match);
          } else if (child.exitCode !== null) {
            waiters.delete(check);
            reject(new Error(`exited ${child.exitCode}: ${out.stdout}${out.stderr}`));
          }
        };
        waiters.add(check);
        check();
      }),
  };
}

async function upstream(): Promise<TinyUpstream> {
  const u = await startTinyUpstream();
  upstreams.push(u);
  return u;
}

const LISTENING = /Tap listening on 127\.0\.0\.1:(\d+) → upstream (\S+)\n/;

describe("xswarm-dev tap", () => {
  it("prints where it listens, forwards traffic, records it, and exits 0 on SIGTERM", async () => {
    const u = await upstream();
    const record = join(mkdtempSync(join(tmpdir(), "xswarm-tap-e2e-")), "feed.jsonl");
    const tap = runTap(["--listen", "0", "--upstream", u.url, "--record", record]);
    const [, port, shown] = await tap.waitFor(LISTENING);
    expect(shown).toBe(u.url);

    const client = await connectClient(`ws://127.0.0.1:${port}`);
    client.sendJson({ type: "auth", token: UPSTREAM_TOKEN });
    client.sendJson({ type: "ping" });
    expect((await client.next()).json).toMatchObject({ type: "auth_result", success: true });
    expect((await client.next()).json).toEqual({ type: "pong" });

    tap.child.kill("SIGTERM");
    expect(await tap.exited).toBe(0);
    expect((await client.closed).code).toBe(1001);
    const lines = readFileSync(record, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.direction} ${l.event ?? l.frame.type}`)).toEqual([
      "in open",
      "in auth",
      "in ping",
      "out auth_result",
      "out pong",
      "in close",
    ]);
    expect(lines.at(-1)).toMatchObject({ close_code: 1001 });
    expect(lines[1].frame.token).not.toBe(UPSTREAM_TOKEN);
    expect(tap.stderr()).toBe("");
  });

  it("exits 0 on SIGINT", async () => {
    const u = await upstream();
    const tap = runTap(["--listen", "0", "--upstream", u.url]);
    await tap.waitFor(LISTENING);
    tap.child.kill("SIGINT");
    expect(await tap.exited).toBe(0);
    expect(tap.stdout()).toContain("Tap shutting down");
  });

  it("takes --port and --url like every other command", async () => {
    const u = await upstream();
    const tap = runTap(["--port", "0", "--url", u.url]);
    const [, , upstreamUrl] = await tap.waitFor(LISTENING);
    expect(upstreamUrl).toBe(u.url);
    tap.child.kill("SIGTERM");
    expect(await tap.exited).toBe(0);
  });

  it("closes clients with 1011 while the upstream is down, says why, and keeps listening", async () => {
    const u = await upstream();
    const url = u.url;
    await u.close();
    upstreams.pop();
    const tap = runTap(["--listen", "0", "--upstream", url]);
    const [, port] = await tap.waitFor(LISTENING);
    for (let i = 0; i < 2; i++) {
      const client = await connectClient(`ws://127.0.0.1:${port}`);
      expect((await client.closed).code).toBe(1011);
    }
    const line = `upstream ${url} unreachable: Connection refused`;
    await tap.waitFor(new RegExp(`${escapeRegExp(line)}[^\\n]*\\n[^\\n]*${escapeRegExp(line)}`), "stderr");
    expect(tap.child.exitCode).toBeNull();
    tap.child.kill("SIGTERM");
    expect(await tap.exited).toBe(0);
  });

  it("survives a 5,000-deep frame with --record, and records no token of a malformed auth", async () => {
    const u = await upstream();
    const record = join(mkdtempSync(join(tmpdir(), "xswarm-tap-e2e-")), "traffic.jsonl");
    const tap = runTap(["--listen", "0", "--upstream", u.url, "--record", record]);
    const [, port] = await tap.waitFor(LISTENING);
    const c = await connectClient(`ws://127.0.0.1:${port}`);
    c.ws.send(`{"type":"x","a":${"[".repeat(5000)}${"]".repeat(5000)}}`);
    c.ws.send('{"type":"Auth","token":"tap-e2e-secret-123456"}');
    c.ws.send('{"type":"sms_received","message":"again: tap-e2e-secret-123456"}');
    await c.next();
    await c.next();
    await c.next();
    c.sendJson({ type: "ping" });
    expect((await c.next()).json).toEqual({ type: "pong" });
    expect(tap.child.exitCode).toBeNull();
    tap.child.kill("SIGTERM");
    expect(await tap.exited).toBe(0);
    const text = readFileSync(record, "utf8");
    expect(text).toContain('"raw":"{\\"type\\":\\"x\\",\\"a\\":[[[');
    expect(text).not.toContain("tap-e2e-secret-123456");
    expect(tap.stderr()).not.toContain("RangeError");
  });

  it("says so in one line with a hint when the port is taken, and exits 1", async () => {
    const u = await upstream();
    const first = runTap(["--listen", "0", "--upstream", u.url]);
    const [, port] = await first.waitFor(LISTENING);
    const second = runTap(["--listen", String(port), "--upstream", u.url]);
    expect(await second.exited).toBe(1);
    const lines = second.stderr().trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`Port ${port} is already in use on 127.0.0.1`);
    expect(lines[1]).toContain("--port 0");
    expect(second.stderr()).not.toMatch(/\n\s+at /);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });

  it("rejects a bad --listen, --upstream or --host with exit 2", async () => {
    const badPort = runTap(["--listen", "70000"]);
    expect(await badPort.exited).toBe(2);
    expect(badPort.stderr()).toMatch(/--listen must be a whole number from 0 to 65535/);
    expect(badPort.stderr()).toContain("See --help for the options.");
    expect(badPort.stderr()).not.toContain("Fix the field");
    const badUrl = runTap(["--listen", "0", "--upstream", "http://127.0.0.1:9999"]);
    expect(await badUrl.exited).toBe(2);
    expect(badUrl.stderr()).toMatch(/--upstream must be a ws:\/\/ or wss:\/\/ URL/);
    // A reachable address without --allow-remote is a usage error, as for `xswarm-dev supervisor`.
    const remote = runTap(["--listen", "0", "--host", "0.0.0.0"]);
    expect(await remote.exited).toBe(2);
    expect(remote.stderr()).toContain("Refusing to listen on 0.0.0.0");
    expect(remote.stderr()).toContain("--allow-remote");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

function withoutColour(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, NO_COLOR: "1" };
  delete copy.FORCE_COLOR;
  return copy;
}
