import { join } from "node:path";
import { ConfigError } from "./errors.js";
import { lineColumnAt, readOptionalFile } from "./files.js";

export const PROFILE_FILE = ".xswarm-dev.json";

/** What `.xswarm-dev.json` may hold. The token is deliberately absent: the profile is meant to be shared. */
export interface Profile {
  url?: string;
  timeoutMs?: number | string;
  fromPhone?: string;
  toPhone?: string;
  fromEmail?: string;
  toEmail?: string;
  user?: string;
}

const KEYS = ["url", "timeoutMs", "fromPhone", "toPhone", "fromEmail", "toEmail", "user"] as const;

/** How zod names a JSON value's type in "expected string, received …". */
function received(value: unknown): string {
  if (value === null) return "null";
  return Array.isArray(value) ? "array" : typeof value;
}

/**
 * The first problem of a parsed profile, as the zod schema it replaces reported it (a field's issue
 * before an unknown key), or the profile; written by hand because every command loads the
 * configuration and zod is ~20 ms to load.
 */
function checkProfile(
  json: unknown,
): { profile: Profile } | { key: string; unknown?: true; message?: string } {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return { key: "" };
  const input = json as Record<string, unknown>;
  const profile: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    if (key === "timeoutMs") {
      if (typeof value !== "number" && typeof value !== "string") return { key, message: "Invalid input" };
    } else if (typeof value !== "string")
      return { key, message: `Invalid input: expected string, received ${received(value)}` };
    else if (value.length < 1) return { key, message: "must not be empty" };
    profile[key] = value;
  }
  const unknown = Object.keys(input).find((key) => !(KEYS as readonly string[]).includes(key));
  return unknown === undefined ? { profile } : { key: unknown, unknown: true };
}

const REFUSED: Record<string, string> = {
  token:
    "The token is not read from the profile, which is meant to be committed and shared. Set SUPERVISOR_TOKEN in .env.local (git-ignored) or the environment.",
  environment: "Set ENVIRONMENT in .env.local, .env or wrangler.toml [vars] instead.",
  twilioAuthToken:
    "The Twilio auth token is not read from the profile, which is meant to be shared. Set TWILIO_AUTH_TOKEN in .env.local (git-ignored) or the environment.",
};

/** The `.xswarm-dev.json` profile in `cwd`, or `undefined` when there is none. Throws ConfigError naming the file. */
export function readProfile(cwd: string): Profile | undefined {
  const source = readOptionalFile(join(cwd, PROFILE_FILE), PROFILE_FILE);
  if (source === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const line = position === undefined ? undefined : lineColumnAt(source, Number(position)).line;
    const at = line === undefined ? "" : `:${line}`;
    throw new ConfigError(
      `${PROFILE_FILE}${at}: not valid JSON (${(error as Error).message.replace(/ in JSON.*$/, "")})`,
      'The profile is one JSON object, e.g. {"user": "alice", "fromPhone": "+15551234567"}.',
      { file: PROFILE_FILE, ...(line === undefined ? {} : { line }) },
    );
  }
  const result = checkProfile(json);
  if ("profile" in result) return result.profile;
  const { key } = result;
  const line = lineOfKey(source, key);
  const where = `${PROFILE_FILE}${line === undefined ? "" : `:${line}`}`;
  if (result.unknown) {
    const hint = REFUSED[key] ?? `Known keys: ${KEYS.join(", ")}. Check the spelling.`;
    throw new ConfigError(`${where}: unknown key \`${key}\``, hint, { file: PROFILE_FILE, line });
  }
  const what = key === "" ? "the profile must be a JSON object" : `${key}: ${result.message ?? "invalid"}`;
  throw new ConfigError(
    `${where}: ${what}`,
    'The profile is one JSON object of strings, e.g. {"user": "alice", "fromPhone": "+15551234567"}.',
    { file: PROFILE_FILE, line },
  );
}

function lineOfKey(source: string, key: string): number | undefined {
  if (key === "") return undefined;
  const offset = source.indexOf(JSON.stringify(key));
  return offset === -1 ? undefined : lineColumnAt(source, offset).line;
}
