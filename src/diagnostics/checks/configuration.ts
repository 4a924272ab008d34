import { ConfigError } from "../../config/errors.js";
import { loadConfigAsync } from "../../config/load-config.js";
import { isLoopbackHost } from "../../config/loopback.js";
import { maskToken } from "../../config/mask.js";
import { type Config, DEFAULT_TOKEN } from "../../config/types.js";
import type { CheckOutcome, DoctorContext } from "../types.js";

const NETWORK_CAP_MS = 1500;
const PROTOCOL_CAP_MS = 5000;

/** Step 1: resolves the configuration, shows each value and its source, and warns about risky settings. */
export async function checkConfiguration(ctx: DoctorContext): Promise<CheckOutcome> {
  const { flags, cwd, env, limits } = ctx.options;
  let config: Config;
  try {
    config = await loadConfigAsync(flags, {
      validateUrl: false,
      ...(cwd ? { cwd } : {}),
      ...(env ? { env } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      status: "fail",
      detail: error.message,
      hint: error.hint ?? "Fix the configuration named above.",
    };
  }
  ctx.config = config;
  ctx.networkTimeoutMs = Math.min(config.timeoutMs, limits?.networkMs ?? NETWORK_CAP_MS);
  ctx.protocolTimeoutMs = Math.min(config.timeoutMs, limits?.protocolMs ?? PROTOCOL_CAP_MS);
  ctx.eventTimeoutMs = config.timeoutMs;

  const from = (key: keyof Config["sources"]) => config.sources[key]?.label ?? "default";
  const detail =
    `url ${config.url} (${from("url")}), token ${maskToken(config.token)} (${from("token")}), ` +
    `environment ${config.environment} (${from("environment")})`;
  const warnings = configWarnings(config);
  if (warnings.length === 0) return { status: "pass", detail };
  return {
    status: "warn",
    detail: `${detail}; ${warnings.map((w) => w.finding).join("; ")}`,
    hint: warnings.map((w) => w.hint).join(" "),
  };
}

interface Warning {
  finding: string;
  hint: string;
}

/** The three configuration warnings of the doctor. Exported for tests. */
export function configWarnings(config: Config): Warning[] {
  const warnings: Warning[] = [];
  if (config.token === DEFAULT_TOKEN && config.environment !== "local")
    warnings.push({
      finding: `the default dev token is used with ENVIRONMENT=${config.environment}`,
      hint: "Set SUPERVISOR_TOKEN to a secret of your own, the same on the supervisor and the client.",
    });
  if (config.environment === "production")
    warnings.push({
      finding: "ENVIRONMENT=production: Cloudflare Workers cannot open WebSocket clients",
      hint: "The supervisor link works only in local development with Node.js; in production use an HTTP API, a message queue or direct Claude API calls.",
    });
  const url = parseOrUndefined(config.url);
  if (url?.protocol === "ws:" && !isLoopback(url.hostname))
    warnings.push({
      finding: `ws://${url.host} is not loopback, so the token would travel unencrypted`,
      hint: "Use wss:// for a supervisor on another host (or an SSH tunnel to 127.0.0.1).",
    });
  return warnings;
}

/** The tree's one loopback test (localhost, 127.0.0.0/8, ::1 in every spelling), as the servers use it. */
export const isLoopback = isLoopbackHost;

function parseOrUndefined(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
