import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // actor-kit's bundles import the CommonJS fast-json-patch by name, as a bundler allows and
          // Node's ESM loader does not; transform them as the app's bundler would.
          server: { deps: { inline: ["actor-kit"] } },
        },
      },
    ],
  },
});
