/** Where a configuration value came from, as the doctor shows it. */
export interface ValueSource {
  /** `flag`, `env`, `env-file`, `.env.local`, `.env`, `wrangler.toml`, `profile` or `default`. */
  kind: "flag" | "env" | "env-file" | ".env.local" | ".env" | "wrangler.toml" | "profile" | "default";
  /** Human wording: `--url`, `SUPERVISOR_URL`, `.env.local:3`, `wrangler.toml [vars]`, `.xswarm-dev.json`, `default`. */
  label: string;
}

export interface Config {
  url: string;
  token: string;
  environment: string;
  timeoutMs: number;
  /** Defaults for simulated events (XSWARM_FROM_PHONE, ... or the `.xswarm-dev.json` profile). */
  fromPhone?: string;
  toPhone?: string;
  fromEmail?: string;
  toEmail?: string;
  user?: string;
  /** Signs webhook requests as Twilio does (`send-sms --webhook`, `doctor --webhook`). Never shown unmasked. */
  twilioAuthToken?: string;
  /** Where each value above came from. */
  sources: Partial<Record<ConfigKey, ValueSource>>;
}

export type ConfigKey =
  | "url"
  | "token"
  | "environment"
  | "timeoutMs"
  | "fromPhone"
  | "toPhone"
  | "fromEmail"
  | "toEmail"
  | "user"
  | "twilioAuthToken";

/** Values given on the command line; they win over every other source. */
export interface ConfigFlags {
  url?: string;
  token?: string;
  environment?: string;
  timeoutMs?: number | string;
  /** `--env-file`: read this file too, above `.env.local` and `.env`. */
  envFile?: string;
  fromPhone?: string;
  toPhone?: string;
  fromEmail?: string;
  toEmail?: string;
  user?: string;
  twilioAuthToken?: string;
}

export interface LoadConfigOptions {
  /** Where `.env.local`, `.env`, `wrangler.toml` and `.xswarm-dev.json` are looked for. Default process.cwd(). */
  cwd?: string;
  /** Default process.env. */
  env?: NodeJS.ProcessEnv;
  /**
   * Default true: a URL that is not ws:// or wss:// is a ConfigError. The doctor turns this off to
   * report the URL as a check of its own.
   */
  validateUrl?: boolean;
}

/** Where a dev supervisor listens unless told otherwise (`supervisor`, `watch --embedded`). */
export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 9999;
/** Where `xswarm-dev tap` listens unless told otherwise: beside the supervisor it fronts. */
export const DEFAULT_TAP_PORT = 9998;
export const DEFAULT_URL = `ws://${DEFAULT_HOST}:${DEFAULT_PORT}`;
export const DEFAULT_TOKEN = "dev-token-12345";
export const DEFAULT_TIMEOUT_MS = 10_000;
