import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/helpers/summary-reporter.js";

/** `npm run test:stress`: soaks and floods, too long for `npm test`. */
export default defineConfig({
  test: {
    include: ["test/stress/**/*.test.{ts,tsx}"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    globalSetup: ["test/helpers/global-setup.ts"],
    reporters: ["default", new SummaryReporter()],
  },
});
