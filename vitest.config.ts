import { defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/helpers/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    // Soaks and floods run with `npm run test:stress` (vitest.stress.config.ts).
    exclude: ["test/stress/**", "**/node_modules/**"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    globalSetup: ["test/helpers/global-setup.ts"],
    reporters: ["default", new SummaryReporter()],
  },
});
