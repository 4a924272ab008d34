import { CONFIG_VARIABLES } from "./load-config.js";
import type { Config } from "./types.js";

/** The event defaults a simulated SMS or email needs. */
export type IdentityKey = "fromPhone" | "toPhone" | "fromEmail" | "toEmail" | "user";

/**
 * The identity simulated events use when nothing is configured, in the CLI and the dashboard's
 * forms alike. 555-01xx numbers are reserved for fiction.
 */
export const DEMO_IDENTITY: Readonly<Record<IdentityKey, string>> = {
  fromPhone: "+15555550100",
  toPhone: "+15555550199",
  fromEmail: "demo@example.com",
  toEmail: "boss@example.com",
  user: "demo",
};

/** What {@link withDemoIdentity} did: the configuration to use and the keys it filled. */
export interface DemoFill {
  config: Config;
  filled: IdentityKey[];
}

/** Fills each of `keys` that no source set with the demo identity (source: "demo identity"). */
export function withDemoIdentity(config: Config, keys: readonly IdentityKey[]): DemoFill {
  const filled = keys.filter((key) => config[key] === undefined);
  const next: Config = { ...config, sources: { ...config.sources } };
  for (const key of filled) {
    next[key] = DEMO_IDENTITY[key];
    next.sources[key] = { kind: "default", label: "the demo identity" };
  }
  return { config: next, filled };
}

/** The one line that says the demo identity is in use, and how to set one's own. */
export function describeDemoFill(
  filled: readonly IdentityKey[],
  flags: Partial<Record<IdentityKey, string>>,
): string {
  const values = filled.map((key) => `${flags[key] ?? key} ${DEMO_IDENTITY[key]}`).join(", ");
  const variables = filled.map((key) => CONFIG_VARIABLES[key]).join(", ");
  return `Nothing configured, so the demo identity is used: ${values} (set ${variables}, or pass the flags, for your own).`;
}
