import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/helpers/summary-reporter.js";

/**
 * `npm run test:conformance` (conformance/run.mjs): the corpus check and the differential fuzz
 * against the real-serde_json oracle, which run.mjs builds and passes in as SERDE_ORACLE.
 */
export default defineConfig({
  test: {
    include: ["test/conformance/**/*.test.ts"],
    testTimeout: 240_000,
    hookTimeout: 60_000,
    reporters: ["default", new SummaryReporter()],
  },
});
