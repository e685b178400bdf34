import { defineConfig } from "vitest/config";

// One config for the whole repository. Slow end-to-end suites (real registry, browser, cache
// server) live in files named *.e2e.test.ts and get the longer timeouts they need.
export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts", "tools/*/test/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 300_000,
    typecheck: {
      enabled: true,
      include: ["packages/*/test/**/*.test-d.ts", "tools/*/test/**/*.test-d.ts", "test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.test.json",
    },
    reporters: ["default"],
    pool: "forks",
  },
});
