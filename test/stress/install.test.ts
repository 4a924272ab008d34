import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { npmPack, ROOT, run } from "../helpers/package.js";
import { tempDir } from "../helpers/run-cli.js";

// Here rather than in `npm test`: the install of the tarball and its dependencies takes 10–20 s.

interface LockEntry {
  version: string;
  dev?: boolean;
  link?: boolean;
  [key: string]: unknown;
}

/**
 * A lock file for a project that depends on the tarball, so that `npm install --offline` resolves every
 * dependency from npm's cache (filled by `npm ci`) without asking the registry: the repository's own
 * lock minus its dev entries, with the registry URLs that lock leaves out (a function of name and version).
 */
function lockFor(tarball: string) {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const root = lock.packages[""] as LockEntry;
  const packages: Record<string, unknown> = {
    "": { name: "demo", dependencies: { "xswarm-dev": `file:${tarball}` } },
    "node_modules/xswarm-dev": {
      version: root.version,
      resolved: `file:${tarball}`,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev || entry.link) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    const file = name.slice(name.lastIndexOf("/") + 1);
    packages[path] = {
      resolved: `https://registry.npmjs.org/${name}/-/${file}-${entry.version}.tgz`,
      ...entry,
    };
  }
  return { name: "demo", lockfileVersion: 3, requires: true, packages };
}

describe("installed from its tarball into a project of its own", () => {
  let supervisor: SupervisorHandle;
  let project: string;
  beforeAll(async () => {
    supervisor = await startSupervisor({
      port: 0,
      responder: "echo",
      token: "install-token-2468",
      logFile: null,
    });
    project = tempDir();
    const { filename } = await npmPack(project);
    writeFileSync(
      join(project, "package.json"),
      `${JSON.stringify({ name: "demo", private: true, dependencies: { "xswarm-dev": `file:${filename}` } })}\n`,
    );
    writeFileSync(join(project, "package-lock.json"), JSON.stringify(lockFor(filename)));
    await run("npm", ["install", "--offline", "--no-audit", "--no-fund"], { cwd: project });
  });
  afterAll(() => supervisor.close());

  it("`npx xswarm-dev doctor` there reads that folder's .env.local", async () => {
    writeFileSync(
      join(project, ".env.local"),
      `SUPERVISOR_URL=${supervisor.url}\nSUPERVISOR_TOKEN=install-token-2468\n`,
    );
    const { stdout } = await run("npx", ["--no-install", "xswarm-dev", "doctor", "--json"], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "", HOME: project },
    });
    const report = JSON.parse(stdout) as { ok: boolean; checks: { id: string; detail: string }[] };
    expect(report.ok).toBe(true);
    const config = report.checks.find((c) => c.id === "config");
    expect(config?.detail).toContain(`url ${supervisor.url} (.env.local:1)`);
    expect(config?.detail).toContain("(.env.local:2)");
    expect(report.checks.find((c) => c.id === "auth")?.detail).toMatch(/Authenticated/);
  });

  it("installed only what it needs: nothing it bundles comes in because of it", async () => {
    const installed = JSON.parse(readFileSync(join(project, "node_modules/xswarm-dev/package.json"), "utf8"));
    expect(Object.keys(installed.dependencies)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(zod|ws|commander|chalk|smol-toml)$/)]),
    );
    const { stdout } = await run("npm", ["ls", "--all", "--parseable", "--offline"], { cwd: project });
    const names = stdout
      .split("\n")
      .map((p) => p.slice(p.lastIndexOf("node_modules/") + "node_modules/".length));
    // ws and chalk are installed all the same, as dependencies of ink.
    for (const name of ["zod", "commander", "smol-toml", "typescript", "vitest", "esbuild"])
      expect(names).not.toContain(name);
    expect(names).toContain("ink");
  });
});
