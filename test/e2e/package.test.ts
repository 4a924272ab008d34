import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, posix } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSupervisor } from "../../src/supervisor/server.js";
import type { SupervisorHandle } from "../../src/supervisor/types.js";
import { npmPack, type PackResult, projectUsingRepo, ROOT, readmeBlock, run } from "../helpers/package.js";

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

describe("the npm package", () => {
  let packed: PackResult;
  beforeAll(async () => {
    packed = await npmPack();
  });

  it("packs to under 300 KB, with no source maps, tests or sources", () => {
    expect(packed.size).toBeLessThan(300_000);
    const paths = packed.files.map((f) => f.path);
    expect(paths.filter((p) => p.endsWith(".map"))).toEqual([]);
    expect(paths.filter((p) => /^(src|test|bench|scripts|conformance)\//.test(p))).toEqual([]);
    for (const file of [
      "bin/xswarm-dev.js",
      "dist/xswarm-dev.js",
      "dist/index.js",
      "dist/index.d.ts",
      "README.md",
    ])
      expect(paths).toContain(file);
    // tsc writes only declarations: the library is the bundle, each module shipped once.
    expect(
      paths.filter((p) => p.endsWith(".js") && !/^(bin\/|dist\/chunks\/|dist\/[\w-]+\.js$)/.test(p)),
    ).toEqual([]);
  });

  it("ships the declarations that dist/index.d.ts reaches, and no others", () => {
    // TypeScript's own scanner of a file's imports (`from "./x.js"`, `import("./x.js")`) walks them.
    const reached = new Set<string>();
    const queue = ["dist/index.d.ts"];
    for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
      if (reached.has(file)) continue;
      reached.add(file);
      const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), "utf8"), true, true);
      for (const { fileName } of importedFiles)
        if (fileName.startsWith("."))
          queue.push(posix.join(posix.dirname(file), fileName.replace(/\.js$/, ".d.ts")));
    }
    const shipped = packed.files.map((f) => f.path).filter((p) => p.endsWith(".d.ts"));
    expect(shipped.sort()).toEqual([...reached].sort());
  });

  it("imports at run time only node built-ins and its `dependencies` (the bundled ones are devDependencies)", () => {
    const allowed = new Set([...Object.keys(pkg.dependencies), "bufferutil", "utf-8-validate"]);
    const bare = new Set<string>();
    const dist = join(ROOT, "dist");
    for (const entry of readdirSync(dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
      const code = readFileSync(join(entry.parentPath, entry.name), "utf8");
      for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)"([@a-z][\w.@/:-]*)"/gi))
        bare.add(m[1] ?? "");
    }
    const packageName = (s: string) =>
      s.startsWith("@") ? s.split("/").slice(0, 2).join("/") : (s.split("/")[0] ?? s);
    const foreign = [...bare].filter(
      (s) => !s.startsWith("node:") && !builtinModules.includes(s) && !allowed.has(packageName(s)),
    );
    expect(foreign).toEqual([]);
    for (const name of ["zod", "ws", "commander", "chalk", "smol-toml"]) {
      expect(pkg.devDependencies[name], name).toBeDefined();
      expect(pkg.dependencies[name], name).toBeUndefined();
    }
  });
});

describe("loading the library", () => {
  let supervisor: SupervisorHandle;
  let project: string;
  beforeAll(async () => {
    supervisor = await startSupervisor({ port: 0, responder: "echo", logFile: null });
    project = projectUsingRepo();
  });
  afterAll(() => supervisor.close());

  it("works with require() from CommonJS", async () => {
    writeFileSync(
      join(project, "load.cjs"),
      [
        'const { SupervisorClient, startSupervisor, ServerEvent } = require("xswarm-dev");',
        "console.log(typeof SupervisorClient, typeof startSupervisor, typeof ServerEvent.safeParse);",
      ].join("\n"),
    );
    const { stdout, stderr } = await run(process.execPath, ["load.cjs"], { cwd: project });
    expect(stdout.trim()).toBe("function function function");
    expect(stderr).not.toMatch(/ERR_|Error/);
  });

  it("runs the README's library snippet as written", async () => {
    writeFileSync(join(project, "snippet.mjs"), readmeBlock("## Use it as a library", "js"));
    const { stdout } = await run(process.execPath, ["snippet.mjs"], {
      cwd: project,
      env: { PATH: process.env.PATH ?? "", SUPERVISOR_URL: supervisor.url },
    });
    expect(stdout).toMatch(/^send_sms_response .*Hello boss/m);
  });
});
