import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";
import { SummaryReporter } from "./test/helpers/summary-reporter.js";

export default defineConfig({
  test: {
    include: ["test/**/*.test.{ts,tsx}"],
    exclude: [
      ...configDefaults.exclude,
      // Soaks and floods: `npm run test:stress` (vitest.stress.config.ts).
      "test/stress/**",
      // The differential fuzz needs the cargo-built oracle: `npm run test:conformance` runs it.
      "test/conformance/fuzz.test.ts",
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Most files wait on child processes and sockets, not on the CPU: vitest's default (cores - 1)
    // would run them one at a time on a 2-core machine.
    maxWorkers: Math.max(3, availableParallelism() + 1),
    // Test files share a worker's module cache instead of importing ink, zod and ws again each: the
    // suite's CPU halves (117 s -> 59 s). Sources keep no module-level state, so nothing leaks.
    isolate: false,
    globalSetup: ["test/helpers/global-setup.ts"],
    reporters: ["default", new SummaryReporter()],
  },
});
