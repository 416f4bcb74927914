import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // QEMU boots and shell sandboxes are slow under TCG; generous per-test limits, never timing assertions.
    testTimeout: 120_000,
    hookTimeout: 600_000,
  },
});
