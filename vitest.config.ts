import { configDefaults, defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/helpers/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // the differential fuzz needs the cargo-built oracle: `npm run test:conformance` runs it
    exclude: [...configDefaults.exclude, "test/conformance/fuzz.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    globalSetup: ["test/helpers/global-setup.ts"],
    reporters: ["default", new SummaryReporter()],
  },
});
