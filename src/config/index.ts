import * as smolToml from "smol-toml";
import { loadConfig as loadWith } from "./load-config.js";
import type { Config, ConfigFlags, LoadConfigOptions } from "./types.js";

export { DEMO_IDENTITY, describeDemoFill, type IdentityKey, withDemoIdentity } from "./demo.js";
export { ConfigError } from "./errors.js";
export { CONFIG_VARIABLES } from "./load-config.js";
export { maskToken } from "./mask.js";
export * from "./types.js";
export { checkSupervisorUrl, type UrlCheck } from "./validate.js";

/**
 * Resolves the configuration. First match wins: command-line flags; the environment; the `--env-file`
 * file; `.env.local`; `.env`; the `[vars]` table of `wrangler.toml`; the `.xswarm-dev.json` profile;
 * the defaults. Files are looked for in `options.cwd`. `sources` records where each value came from.
 * Throws ConfigError (exit code 2) naming the file and line of a malformed file, or the source of a
 * malformed value.
 */
export function loadConfig(flags: ConfigFlags = {}, options: LoadConfigOptions = {}): Config {
  return loadWith(flags, options, smolToml);
}
