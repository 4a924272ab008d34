import { join } from "node:path";
import * as z from "zod";
import { ConfigError } from "./errors.js";
import { lineColumnAt, readOptionalFile } from "./files.js";

export const PROFILE_FILE = ".xswarm-dev.json";

const text = z.string().min(1, "must not be empty");

/** What `.xswarm-dev.json` may hold. The token is deliberately absent: the profile is meant to be shared. */
export const Profile = z.strictObject({
  url: text.optional(),
  timeoutMs: z.union([z.number(), z.string()]).optional(),
  fromPhone: text.optional(),
  toPhone: text.optional(),
  fromEmail: text.optional(),
  toEmail: text.optional(),
  user: text.optional(),
});
export type Profile = z.infer<typeof Profile>;

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
  const result = Profile.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const key = issue?.code === "unrecognized_keys" ? (issue.keys[0] ?? "") : String(issue?.path[0] ?? "");
  const line = lineOfKey(source, key);
  const where = `${PROFILE_FILE}${line === undefined ? "" : `:${line}`}`;
  if (issue?.code === "unrecognized_keys") {
    const hint = REFUSED[key] ?? `Known keys: ${Object.keys(Profile.shape).join(", ")}. Check the spelling.`;
    throw new ConfigError(`${where}: unknown key \`${key}\``, hint, { file: PROFILE_FILE, line });
  }
  const what = key === "" ? "the profile must be a JSON object" : `${key}: ${issue?.message ?? "invalid"}`;
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
