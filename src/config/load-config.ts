import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDotenv } from "./dotenv.js";
import { ConfigError } from "./errors.js";
import { readOptionalFile } from "./files.js";
import { readProfile } from "./profile.js";
import {
  type Config,
  type ConfigFlags,
  type ConfigKey,
  DEFAULT_TIMEOUT_MS,
  DEFAULT_TOKEN,
  DEFAULT_URL,
  type LoadConfigOptions,
  type ValueSource,
} from "./types.js";
import { assertSupervisorUrl, parseTimeoutMs } from "./validate.js";
import { readWranglerVars, type Toml, WRANGLER_FILE } from "./wrangler.js";

/**
 * loadConfig for the commands: smol-toml (15.6 KB, loaded on every start-up when it was imported
 * statically) is imported only when `cwd` holds a wrangler.toml.
 */
export async function loadConfigAsync(
  flags: ConfigFlags = {},
  options: LoadConfigOptions = {},
): Promise<Config> {
  const cwd = options.cwd ?? process.cwd();
  const toml = existsSync(join(cwd, WRANGLER_FILE)) ? await import("smol-toml") : undefined;
  return loadConfig(flags, options, toml);
}

/** The variable that sets each configuration value, in the environment, the .env files and wrangler.toml [vars]. */
export const CONFIG_VARIABLES: Readonly<Record<ConfigKey, string>> = {
  url: "SUPERVISOR_URL",
  token: "SUPERVISOR_TOKEN",
  environment: "ENVIRONMENT",
  timeoutMs: "XSWARM_TIMEOUT_MS",
  fromPhone: "XSWARM_FROM_PHONE",
  toPhone: "XSWARM_TO_PHONE",
  fromEmail: "XSWARM_FROM_EMAIL",
  toEmail: "XSWARM_TO_EMAIL",
  user: "XSWARM_USER",
  twilioAuthToken: "TWILIO_AUTH_TOKEN",
};

const FLAG_LABELS: Readonly<Record<ConfigKey, string>> = {
  url: "--url",
  token: "--token",
  environment: "--environment",
  timeoutMs: "--timeout",
  fromPhone: "--from",
  toPhone: "--to",
  fromEmail: "--from",
  toEmail: "--to",
  user: "--user",
  twilioAuthToken: "--twilio-auth-token",
};

const VARIABLE_NAMES: ReadonlySet<string> = new Set(Object.values(CONFIG_VARIABLES));

interface Candidate {
  value: string | number;
  source: ValueSource;
}

/** One configuration source: the value it gives for a key, if any. */
type Layer = (key: ConfigKey) => Candidate | undefined;

/**
 * Resolves the configuration. First match wins: command-line flags; the environment; the `--env-file`
 * file; `.env.local`; `.env`; the `[vars]` table of `wrangler.toml`; the `.xswarm-dev.json` profile;
 * the defaults. Files are looked for in `options.cwd`. `sources` records where each value came from.
 * Throws ConfigError (exit code 2) naming the file and line of a malformed file, or the source of a
 * malformed value. A wrangler.toml is read with `toml` (config/index.ts's loadConfig gives smol-toml).
 */
export function loadConfig(flags: ConfigFlags = {}, options: LoadConfigOptions = {}, toml?: Toml): Config {
  const cwd = options.cwd ?? process.cwd();
  const layers: Layer[] = [
    flagLayer(flags),
    envLayer(options.env ?? process.env),
    ...(flags.envFile === undefined ? [] : [envFileLayer(cwd, flags.envFile)]),
    dotenvLayer(cwd, ".env.local"),
    dotenvLayer(cwd, ".env"),
    wranglerLayer(cwd, toml),
    profileLayer(cwd),
  ];
  const pick = (key: ConfigKey): Candidate | undefined => {
    for (const layer of layers) {
      const found = layer(key);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  const sources: Config["sources"] = {};
  const text = (key: ConfigKey, fallback?: string): string | undefined => {
    const found = pick(key);
    if (found === undefined) {
      if (fallback !== undefined) sources[key] = { kind: "default", label: "default" };
      return fallback;
    }
    sources[key] = found.source;
    return String(found.value).trim();
  };

  const url = text("url", DEFAULT_URL) as string;
  if (options.validateUrl !== false) assertSupervisorUrl(url, sources.url?.label ?? "default");
  const timeout = pick("timeoutMs");
  sources.timeoutMs = timeout?.source ?? { kind: "default", label: "default" };
  const config: Config = {
    url,
    token: text("token", DEFAULT_TOKEN) as string,
    environment: text("environment", "local") as string,
    timeoutMs:
      timeout === undefined ? DEFAULT_TIMEOUT_MS : parseTimeoutMs(timeout.value, timeout.source.label),
    sources,
  };
  for (const key of ["fromPhone", "toPhone", "fromEmail", "toEmail", "user", "twilioAuthToken"] as const) {
    const value = text(key);
    if (value !== undefined) config[key] = value;
  }
  return config;
}

function flagLayer(flags: ConfigFlags): Layer {
  return (key) => {
    const value = flags[key];
    if (value === undefined) return undefined;
    if (typeof value === "string" && value.trim() === "")
      throw new ConfigError(
        `${FLAG_LABELS[key]} is empty`,
        `Give ${FLAG_LABELS[key]} a value, or leave it out.`,
      );
    return { value, source: { kind: "flag", label: FLAG_LABELS[key] } };
  };
}

// An empty variable (`SUPERVISOR_TOKEN=`) counts as unset, so that a lower source or the default applies.
function envLayer(env: NodeJS.ProcessEnv): Layer {
  return (key) => {
    const name = CONFIG_VARIABLES[key];
    const value = env[name];
    return value === undefined || value.trim() === ""
      ? undefined
      : { value, source: { kind: "env", label: name } };
  };
}

function entriesLayer(
  entries: Map<string, { value: string; line: number }> | undefined,
  kind: ValueSource["kind"],
  label: string,
): Layer {
  return (key) => {
    const entry = entries?.get(CONFIG_VARIABLES[key]);
    return entry === undefined || entry.value.trim() === ""
      ? undefined
      : { value: entry.value, source: { kind, label: `${label}:${entry.line}` } };
  };
}

function envFileLayer(cwd: string, path: string): Layer {
  if (path.trim() === "")
    throw new ConfigError("--env-file is empty", "Give --env-file a path, or leave it out.");
  const text = readOptionalFile(resolve(cwd, path), path);
  if (text === undefined)
    throw new ConfigError(
      `--env-file: ${path} not found`,
      "Check the path; it is relative to the working directory.",
      {
        file: path,
      },
    );
  return entriesLayer(parseDotenv(text, path), "env-file", path);
}

function dotenvLayer(cwd: string, name: ".env.local" | ".env"): Layer {
  const text = readOptionalFile(resolve(cwd, name), name);
  return entriesLayer(text === undefined ? undefined : parseDotenv(text, name), name, name);
}

function wranglerLayer(cwd: string, toml: Toml | undefined): Layer {
  const vars = readWranglerVars(cwd, VARIABLE_NAMES, toml);
  return (key) => {
    const value = vars?.get(CONFIG_VARIABLES[key]);
    return value === undefined || value.trim() === ""
      ? undefined
      : { value, source: { kind: "wrangler.toml", label: "wrangler.toml [vars]" } };
  };
}

function profileLayer(cwd: string): Layer {
  const profile = readProfile(cwd);
  return (key) => {
    const value = profile?.[key as keyof typeof profile];
    return value === undefined
      ? undefined
      : { value, source: { kind: "profile", label: ".xswarm-dev.json" } };
  };
}
