import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { closeAll, type RecordingSupervisor, recordingSupervisor, TOKEN } from "../e2e/send-fixtures.js";
import { helpExamples, README_PATH, tourExamples } from "../helpers/examples.js";
import { commandHelps, helpOf } from "../helpers/help-text.js";
import { BIN, tempDir } from "../helpers/run-cli.js";
import { ack, sms } from "../helpers/traffic-entries.js";

// Every example a user can copy from `--help` or the README's tour runs here against a running
// supervisor, on a fresh folder with nothing configured, and must exit 0. About 40 processes: too
// many for `npm test`, so it runs with `npm run test:stress`.

const LONG_RUNNING = /xswarm-dev (supervisor|tap|watch(?! [^|]*--replay))/;

let supervisor: RecordingSupervisor;
let shims: string;
const children: ChildProcess[] = [];

beforeAll(async () => {
  supervisor = await recordingSupervisor({ responder: "echo" });
  // `xswarm-dev` on PATH, as after `npm install -g`; it notes its pid so the test can stop it alone.
  shims = tempDir();
  mkdirSync(join(shims, "bin"));
  const shim = join(shims, "bin", "xswarm-dev");
  writeFileSync(shim, `#!/bin/sh\necho $$ >> "$EXAMPLE_PIDS"\nexec "${process.execPath}" -- "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
});
afterAll(async () => {
  // The tests run concurrently: only at the end is a child still running one that hangs.
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  await closeAll(supervisor);
});

/** A fresh folder with what the examples read: report.txt, traffic.jsonl, a git commit. */
function workspace(example: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, "report.txt"), "All green.\n");
  writeFileSync(
    join(dir, "traffic.jsonl"),
    `${[sms("Recorded"), ack(1, 12)].map((e) => JSON.stringify(e)).join("\n")}\n`,
  );
  if (example.includes("git ")) {
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: dir });
    git("init", "-q");
    git("commit", "-q", "--allow-empty", "-m", "Fix the build");
  }
  return dir;
}

/** The example as run: fixed ports become the test's supervisor, servers listen on any free port. */
function adapt(example: string): string {
  let line = example.replaceAll(/ws:\/\/127\.0\.0\.1:999[89]/g, supervisor.url);
  if (/xswarm-dev (supervisor|tap|watch [^|]*--embedded)/.test(line))
    line = line.replace(/(xswarm-dev [^|]*?)(\s*\||$)/, "$1 --port 0$2");
  return line;
}

interface Ran {
  code: number | null;
  out: string;
  err: string;
}

function run(example: string): Promise<Ran> {
  const cwd = workspace(example);
  const pids = join(cwd, ".pids");
  const child = spawn("bash", ["-o", "pipefail", "-c", adapt(example)], {
    cwd,
    env: {
      PATH: `${join(shims, "bin")}:${process.env.PATH ?? ""}`,
      HOME: cwd,
      NO_COLOR: "1",
      SUPERVISOR_URL: supervisor.url,
      SUPERVISOR_TOKEN: TOKEN,
      EXAMPLE_PIDS: pids,
    },
  });
  children.push(child);
  const ran: Ran = { code: null, out: "", err: "" };
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    ran.out += d;
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => {
    ran.err += d;
  });
  child.stdin.end();
  const exited = new Promise<Ran>((resolve) =>
    child.on("close", (code) => {
      ran.code = code;
      resolve(ran);
    }),
  );
  if (!LONG_RUNNING.test(example)) return exited;
  // A server or a dashboard runs until stopped: once it has said something, stop it as a user would.
  return (async () => {
    await vi.waitFor(() => expect(ran.out + ran.err).not.toBe(""), { timeout: 15_000 });
    for (const pid of readFileSync(pids, "utf8").trim().split("\n")) process.kill(Number(pid), "SIGTERM");
    return exited;
  })();
}

const fromHelp = [
  ...helpExamples(helpOf(await buildProgram())).map((example) => ["xswarm-dev --help", example] as const),
  ...(await commandHelps()).flatMap(([name, help]) =>
    helpExamples(help).map((example) => [`xswarm-dev ${name} --help`, example] as const),
  ),
].filter(([, example]) => example.includes("xswarm-dev "));

describe.concurrent("every example in --help runs", () => {
  it("finds the examples of every command", async () => {
    const names = new Set(fromHelp.map(([where]) => where));
    expect(names.size).toBe((await buildProgram()).commands.length + 1);
  });

  it.for(fromHelp)("%s: %s", async ([, example], { expect }) => {
    const ran = await run(example);
    expect(ran.code, `${example}\n${ran.err}`).toBe(0);
  });
});

describe.concurrent("every example of the README's tour runs", () => {
  const tour = tourExamples(readFileSync(README_PATH, "utf8"));

  it("has a tour with examples", () => {
    expect(tour.length).toBeGreaterThan(0);
  });

  it.for(tour)("%s", async (example, { expect }) => {
    const ran = await run(example);
    expect(ran.code, `${example}\n${ran.err}`).toBe(0);
  });
});
