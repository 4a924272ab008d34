import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

interface Import {
  file: string;
  specifier: string;
  /** The module, relative to the repository when it is a file of the tree (`src/client/link.ts`). */
  target: string;
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const STATIC = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s*["']([^"']+)["']/g;
const DYNAMIC = /import\(\s*["']([^"']+)["']\s*\)/g;
const BARE = /(?:^|\n)\s*import\s+["']([^"']+)["']/g;

/** Every import of a file's text: static, re-exports, side-effect and dynamic ones. */
function importsOf(file: string, text: string): Import[] {
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith(".")
      ? relative(ROOT, resolve(dirname(file), specifier)).replace(/\.js$/, ".ts")
      : specifier;
    found.push({ file: relative(ROOT, file), specifier, target, typeOnly });
  };
  for (const m of text.matchAll(STATIC)) {
    const names = m[3] ?? "";
    const braces = /^\{([\s\S]*)\}$/.exec(names.trim());
    const allTyped =
      braces !== null &&
      braces[1]
        ?.split(",")
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith("type ")) === true;
    add(m[4] ?? "", m[2] !== undefined || allTyped);
  }
  for (const m of text.matchAll(DYNAMIC)) add(m[1] ?? "", false);
  for (const m of text.matchAll(BARE)) add(m[1] ?? "", false);
  return found;
}

const SOCKET_MODULES = new Set([
  "ws",
  "net",
  "node:net",
  "http",
  "node:http",
  "https",
  "node:https",
  "dgram",
  "node:dgram",
]);
/** The client's files that open or drive a socket; its errors and types are fine for the UI. */
const CLIENT_SOCKET_CODE =
  /^src\/client\/(supervisor-client|link|options|socket-errors|index|fallback|outgoing|shared)\.tsx?$/;

/** Why an import breaks "the UI never opens a socket", or undefined. */
function uiViolation(imp: Import): string | undefined {
  if (SOCKET_MODULES.has(imp.target)) return `imports ${imp.specifier}, a socket module`;
  if (imp.target.startsWith("src/supervisor/")) return `imports the supervisor (${imp.specifier})`;
  if (imp.target.startsWith("src/diagnostics/")) return `imports diagnostics (${imp.specifier})`;
  if (!imp.typeOnly && CLIENT_SOCKET_CODE.test(imp.target))
    return `imports the client's socket code (${imp.specifier}); only its types may be imported`;
  if (!imp.typeOnly && /^src\/watch\/.*-source\.ts$/.test(imp.target))
    return `constructs a watch source (${imp.specifier}); the UI only subscribes`;
  return undefined;
}

const VIEW_LIBRARIES = /^(ink|react|commander|ink-[\w-]+|react-[\w-]+)(\/|$)/;

function allImports(): Import[] {
  return sourceFiles(SRC).flatMap((file) => importsOf(file, readFileSync(file, "utf8")));
}

describe("architecture", () => {
  const imports = allImports();

  it("finds the imports it checks (the scanner works on this tree)", () => {
    expect(imports.some((i) => i.file.startsWith("src/ui/") && i.specifier === "ink")).toBe(true);
    expect(imports.some((i) => i.target === "src/watch/types.ts" && i.typeOnly)).toBe(true);
  });

  it("flags what it must flag", () => {
    const planted = importsOf(
      join(SRC, "ui", "Bad.tsx"),
      [
        'import WebSocket from "ws";',
        'import { createServer } from "node:net";',
        'import { SupervisorClient } from "../client/supervisor-client.js";',
        'import type { SupervisorClient as T } from "../client/supervisor-client.js";',
        'import { startSupervisor } from "../supervisor/server.js";',
        'const probe = await import("../diagnostics/probe.js");',
        'import { ClientSource } from "../watch/client-source.js";',
      ].join("\n"),
    );
    expect(planted.map((i) => uiViolation(i) !== undefined)).toEqual([
      true,
      true,
      true,
      false,
      true,
      true,
      true,
    ]);
  });

  it("src/ui never opens a socket: no ws, node:net/http, supervisor, diagnostics or client socket code", () => {
    const bad = imports
      .filter((i) => i.file.startsWith("src/ui/"))
      .flatMap((i) => {
        const why = uiViolation(i);
        return why ? [`${i.file} ${why}`] : [];
      });
    expect(bad).toEqual([]);
  });

  it("only src/ui and src/commands import ink, react or commander", () => {
    const bad = imports
      .filter((i) => VIEW_LIBRARIES.test(i.specifier))
      .filter(
        (i) =>
          !i.file.startsWith("src/ui/") && !i.file.startsWith("src/commands/") && i.file !== "src/cli.ts",
      )
      .map((i) => `${i.file} imports ${i.specifier}`);
    expect(bad).toEqual([]);
  });

  it("src/watch (the dashboard's service) does not import the UI", () => {
    const bad = imports
      .filter((i) => i.file.startsWith("src/watch/") && i.target.startsWith("src/ui/"))
      .map((i) => `${i.file} imports ${i.specifier}`);
    expect(bad).toEqual([]);
  });
});
