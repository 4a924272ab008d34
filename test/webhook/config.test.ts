import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { tempDir } from "../helpers/run-cli.js";

describe("TWILIO_AUTH_TOKEN in the configuration", () => {
  it("comes from the flag, the environment, .env.local or .env, first match wins", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, ".env"), "TWILIO_AUTH_TOKEN=from-dotenv\n");
    expect(loadConfig({}, { cwd, env: {} })).toMatchObject({
      twilioAuthToken: "from-dotenv",
      sources: { twilioAuthToken: { kind: ".env", label: ".env:1" } },
    });
    writeFileSync(join(cwd, ".env.local"), "# local\nTWILIO_AUTH_TOKEN=from-local\n");
    expect(loadConfig({}, { cwd, env: {} }).sources.twilioAuthToken?.label).toBe(".env.local:2");
    expect(loadConfig({}, { cwd, env: { TWILIO_AUTH_TOKEN: "from-env" } }).twilioAuthToken).toBe("from-env");
    const flagged = loadConfig(
      { twilioAuthToken: "from-flag" },
      { cwd, env: { TWILIO_AUTH_TOKEN: "from-env" } },
    );
    expect(flagged.twilioAuthToken).toBe("from-flag");
    expect(flagged.sources.twilioAuthToken?.label).toBe("--twilio-auth-token");
    expect(loadConfig({}, { cwd: tempDir(), env: {} }).twilioAuthToken).toBeUndefined();
  });

  it("is refused in the shared profile, with where to put it instead", () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, ".xswarm-dev.json"), '{"twilioAuthToken": "x"}');
    expect(() => loadConfig({}, { cwd, env: {} })).toThrow(/unknown key `twilioAuthToken`/);
    try {
      loadConfig({}, { cwd, env: {} });
    } catch (error) {
      expect((error as { hint?: string }).hint).toContain("TWILIO_AUTH_TOKEN in .env.local");
    }
  });
});
