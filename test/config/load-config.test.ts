import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/index.js";
import { thrown } from "../helpers/thrown.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "xswarm-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const write = (name: string, text: string) => writeFile(join(dir, name), text);
const load = (flags = {}, env: NodeJS.ProcessEnv = {}) => loadConfig(flags, { cwd: dir, env });

const configError = (fn: () => unknown) => thrown(ConfigError, fn);

describe("loadConfig defaults", () => {
  it("uses the defaults in an empty directory with an empty environment", () => {
    const config = load();
    expect(config).toEqual({
      url: "ws://127.0.0.1:9999",
      token: "dev-token-12345",
      environment: "local",
      timeoutMs: 10_000,
      sources: {
        url: { kind: "default", label: "default" },
        token: { kind: "default", label: "default" },
        environment: { kind: "default", label: "default" },
        timeoutMs: { kind: "default", label: "default" },
      },
    });
  });
});

describe("loadConfig precedence", () => {
  // Every source sets SUPERVISOR_URL to a port of its own; peeling them off one by one shows the order.
  const all = async () => {
    await write(".xswarm-dev.json", JSON.stringify({ url: "ws://h:7", user: "from-profile" }));
    await write("wrangler.toml", '[vars]\nSUPERVISOR_URL = "ws://h:6"\nXSWARM_USER = "from-wrangler"\n');
    await write(".env", "# base\nSUPERVISOR_URL=ws://h:5\nXSWARM_USER=from-dotenv\n");
    await write(".env.local", "\n\nSUPERVISOR_URL=ws://h:4\n");
    await write("custom.env", "SUPERVISOR_URL=ws://h:3\n");
  };

  it("flag > env > --env-file > .env.local > .env > wrangler.toml > profile > default", async () => {
    await all();
    const env = { SUPERVISOR_URL: "ws://h:2" };
    const flags = { url: "ws://h:1", envFile: "custom.env" };
    expect(load(flags, env).sources.url).toEqual({ kind: "flag", label: "--url" });
    expect(load(flags, env).url).toBe("ws://h:1");
    expect(load({ envFile: "custom.env" }, env).sources.url).toEqual({
      kind: "env",
      label: "SUPERVISOR_URL",
    });
    const fromFile = load({ envFile: "custom.env" });
    expect([fromFile.url, fromFile.sources.url]).toEqual([
      "ws://h:3",
      { kind: "env-file", label: "custom.env:1" },
    ]);
    const local = load();
    expect([local.url, local.sources.url]).toEqual([
      "ws://h:4",
      { kind: ".env.local", label: ".env.local:3" },
    ]);
    await rm(join(dir, ".env.local"));
    const dotenv = load();
    expect([dotenv.url, dotenv.sources.url]).toEqual(["ws://h:5", { kind: ".env", label: ".env:2" }]);
    expect(dotenv.user).toBe("from-dotenv");
    await rm(join(dir, ".env"));
    const wrangler = load();
    expect([wrangler.url, wrangler.sources.url]).toEqual([
      "ws://h:6",
      { kind: "wrangler.toml", label: "wrangler.toml [vars]" },
    ]);
    expect(wrangler.user).toBe("from-wrangler");
    await rm(join(dir, "wrangler.toml"));
    const profile = load();
    expect([profile.url, profile.sources.url]).toEqual([
      "ws://h:7",
      { kind: "profile", label: ".xswarm-dev.json" },
    ]);
    expect([profile.user, profile.sources.user?.kind]).toEqual(["from-profile", "profile"]);
    await rm(join(dir, ".xswarm-dev.json"));
    expect(load().sources.url).toEqual({ kind: "default", label: "default" });
  });

  it("resolves each key on its own: values can come from different sources", async () => {
    await write(".env", "SUPERVISOR_TOKEN=from-dotenv-token\nENVIRONMENT=development\n");
    await write("wrangler.toml", "[vars]\nXSWARM_TIMEOUT_MS = 2500\n");
    const config = load({ url: "wss://example.test/link" }, { ENVIRONMENT: "staging" });
    expect(config).toMatchObject({
      url: "wss://example.test/link",
      token: "from-dotenv-token",
      environment: "staging",
      timeoutMs: 2500,
    });
    expect(config.sources).toEqual({
      url: { kind: "flag", label: "--url" },
      token: { kind: ".env", label: ".env:1" },
      environment: { kind: "env", label: "ENVIRONMENT" },
      timeoutMs: { kind: "wrangler.toml", label: "wrangler.toml [vars]" },
    });
  });

  it("reads the event defaults from the environment, files and flags", async () => {
    await write(".env.local", "XSWARM_FROM_PHONE='+1 555 123 4567'\nXSWARM_TO_EMAIL=boss@example.com\n");
    const config = load(
      { user: "carol", fromEmail: "me@example.com" },
      { XSWARM_TO_PHONE: "+15559876543", XSWARM_USER: "ignored-by-flag" },
    );
    expect(config).toMatchObject({
      fromPhone: "+1 555 123 4567",
      toPhone: "+15559876543",
      fromEmail: "me@example.com",
      toEmail: "boss@example.com",
      user: "carol",
    });
    expect(config.sources.fromPhone).toEqual({ kind: ".env.local", label: ".env.local:1" });
    expect(config.sources.toPhone).toEqual({ kind: "env", label: "XSWARM_TO_PHONE" });
    expect(config.sources.user).toEqual({ kind: "flag", label: "--user" });
    expect(config.sources.fromEmail).toEqual({ kind: "flag", label: "--from" });
  });

  it("treats an empty variable as unset", async () => {
    await write(".env", "SUPERVISOR_TOKEN=\n");
    const config = load({}, { SUPERVISOR_URL: "" });
    expect(config.sources.url?.kind).toBe("default");
    expect(config.sources.token?.kind).toBe("default");
  });

  it("takes the timeout from --timeout as text or number, and from XSWARM_TIMEOUT_MS", () => {
    expect(load({ timeoutMs: "250" }).timeoutMs).toBe(250);
    expect(load({ timeoutMs: 300 }).timeoutMs).toBe(300);
    const fromEnv = load({}, { XSWARM_TIMEOUT_MS: "1500" });
    expect([fromEnv.timeoutMs, fromEnv.sources.timeoutMs?.label]).toEqual([1500, "XSWARM_TIMEOUT_MS"]);
  });

  it("reads process.cwd() and process.env when no options are given", () => {
    expect(loadConfig().url).toMatch(/^wss?:\/\//);
  });
});

describe("loadConfig errors", () => {
  it("a malformed .env.local names the file and line", async () => {
    await write(".env.local", "SUPERVISOR_URL=ws://h:1\n\nSUPERVISOR_TOKEN='abc\n");
    const error = configError(() => load());
    expect(error.message).toBe(".env.local:3: SUPERVISOR_TOKEN: unterminated single quote");
    expect(error.code).toBe("config_error");
  });

  it("a malformed .env names the file and line even when a flag gives the value", async () => {
    await write(".env", "ok=1\nthis is not an assignment\n");
    expect(configError(() => load({ url: "ws://h:1" })).message).toMatch(/^\.env:2: expected KEY=VALUE/);
  });

  it("a missing --env-file is an error, a missing .env is not", () => {
    const error = configError(() => load({ envFile: "nope.env" }));
    expect(error.message).toBe("--env-file: nope.env not found");
    expect(error.hint).toMatch(/path/);
  });

  it("a malformed --env-file names the path as given", async () => {
    await mkdir(join(dir, "conf"));
    await write("conf/dev.env", 'A=1\nB="x" junk\n');
    expect(configError(() => load({ envFile: "conf/dev.env" })).message).toBe(
      "conf/dev.env:2: B: unexpected text after the closing quote",
    );
  });

  it("an --env-file that is a directory is an error naming it", async () => {
    await mkdir(join(dir, "adir"));
    expect(configError(() => load({ envFile: "adir" })).message).toMatch(/^adir: cannot read the file/);
  });

  it("malformed wrangler.toml names the line and column without echoing the file", async () => {
    await write("wrangler.toml", 'name = "app"\n[vars]\nSUPERVISOR_TOKEN = "s3cret\n');
    const error = configError(() => load());
    expect(error.message).toMatch(/^wrangler\.toml:3:\d+: /);
    expect(error.message).not.toContain("s3cret");
    expect(error.line).toBe(3);
  });

  it("a wrangler.toml variable of ours with a table value is an error; others are ignored", async () => {
    await write("wrangler.toml", "[vars]\nOTHER = [1, 2]\n[vars.SUPERVISOR_URL]\nx = 1\n");
    expect(configError(() => load()).message).toBe(
      "wrangler.toml [vars]: SUPERVISOR_URL must be a string or a number",
    );
    await write("wrangler.toml", "[vars]\nOTHER = [1, 2]\n");
    expect(load().sources.url?.kind).toBe("default");
  });

  it("a wrangler.toml without [vars] is fine", async () => {
    await write("wrangler.toml", 'name = "app"\n[env.production.vars]\nSUPERVISOR_URL = "ws://prod:1"\n');
    expect(load().url).toBe("ws://127.0.0.1:9999");
  });

  it.each([
    ["not-a-url", '"not-a-url" is not a URL'],
    ["http://127.0.0.1:9999", "has scheme http"],
    ["127.0.0.1:9999", '"127.0.0.1:9999" has no scheme'],
    ["localhost:9999", '"localhost:9999" has no scheme'],
    ["ftp://h/x", "has scheme ftp; the supervisor needs ws or wss"],
  ])("rejects the URL %s, naming its source", async (url, detail) => {
    await write(".env.local", `SUPERVISOR_URL=${url}\n`);
    const error = configError(() => load());
    expect(error.message).toContain("(from .env.local:1)");
    expect(error.message).toContain(detail);
  });

  it("hints ws:// for an http:// URL and wss:// for https://", () => {
    expect(configError(() => load({ url: "http://h:1" })).hint).toBe("Write ws:// instead of http://.");
    expect(configError(() => load({ url: "https://h" })).hint).toBe("Write wss:// instead of https://.");
  });

  it("validateUrl: false leaves the URL for the doctor to judge", () => {
    expect(loadConfig({ url: "http://h:1" }, { cwd: dir, env: {}, validateUrl: false }).url).toBe(
      "http://h:1",
    );
  });

  it.each(["0", "-5", "1.5", "abc", "99999999999"])("rejects the timeout %s, naming its source", (value) => {
    expect(configError(() => load({ timeoutMs: value })).message).toContain("(from --timeout)");
    expect(configError(() => load({}, { XSWARM_TIMEOUT_MS: value })).message).toMatch(
      /^Invalid timeout ".*" \(from XSWARM_TIMEOUT_MS\): must be a positive whole number/,
    );
  });

  it("rejects an empty flag", () => {
    expect(configError(() => load({ token: "" })).message).toBe("--token is empty");
  });
});

describe("the .xswarm-dev.json profile", () => {
  it("supplies url, timeout and the event defaults", async () => {
    const profile = {
      url: "ws://127.0.0.1:8888",
      timeoutMs: 4000,
      fromPhone: "+15551234567",
      toPhone: "+15559876543",
      fromEmail: "me@example.com",
      toEmail: "boss@example.com",
      user: "alice",
    };
    await write(".xswarm-dev.json", JSON.stringify(profile));
    expect(load()).toMatchObject(profile);
  });

  it("malformed JSON names the file and line", async () => {
    await write(".xswarm-dev.json", '{\n  "user": "alice",\n}\n');
    const error = configError(() => load());
    expect(error.message).toMatch(/^\.xswarm-dev\.json:3: not valid JSON/);
  });

  it("refuses a token, with a hint to use .env.local", async () => {
    await write(".xswarm-dev.json", '{\n  "user": "alice",\n  "token": "abc12345678"\n}');
    const error = configError(() => load());
    expect(error.message).toBe(".xswarm-dev.json:3: unknown key `token`");
    expect(error.hint).toMatch(/SUPERVISOR_TOKEN in \.env\.local/);
    expect(error.message).not.toContain("abc12345678");
  });

  it("names a misspelt key and a value of the wrong type", async () => {
    await write(".xswarm-dev.json", '{"fromphone": "+1555"}');
    const misspelt = configError(() => load());
    expect(misspelt.message).toBe(".xswarm-dev.json:1: unknown key `fromphone`");
    expect(misspelt.hint).toMatch(/fromPhone/);
    await write(".xswarm-dev.json", '{\n"user": 42\n}');
    expect(configError(() => load()).message).toMatch(/^\.xswarm-dev\.json:2: user: /);
    await write(".xswarm-dev.json", "[]");
    expect(configError(() => load()).message).toBe(".xswarm-dev.json: the profile must be a JSON object");
  });

  it("words each bad value as the zod schema did, a field's problem before an unknown key", async () => {
    const cases: [string, string][] = [
      ['{"user": 42}', ".xswarm-dev.json:1: user: Invalid input: expected string, received number"],
      ['{"url": null}', ".xswarm-dev.json:1: url: Invalid input: expected string, received null"],
      ['{"toPhone": ["+1"]}', ".xswarm-dev.json:1: toPhone: Invalid input: expected string, received array"],
      ['{"user": ""}', ".xswarm-dev.json:1: user: must not be empty"],
      ['{"timeoutMs": true}', ".xswarm-dev.json:1: timeoutMs: Invalid input"],
      ['{"bogus": 1, "url": 3}', ".xswarm-dev.json:1: url: Invalid input: expected string, received number"],
      ['"x"', ".xswarm-dev.json: the profile must be a JSON object"],
      ["null", ".xswarm-dev.json: the profile must be a JSON object"],
    ];
    for (const [profile, message] of cases) {
      await write(".xswarm-dev.json", profile);
      expect(configError(() => load()).message, profile).toBe(message);
    }
    await write(".xswarm-dev.json", '{"timeoutMs": 2500, "user": "alice"}');
    expect(load().user).toBe("alice");
  });

  it("a bad timeout in the profile names the profile", async () => {
    await write(".xswarm-dev.json", '{"timeoutMs": "soon"}');
    expect(configError(() => load()).message).toContain("(from .xswarm-dev.json)");
  });
});
