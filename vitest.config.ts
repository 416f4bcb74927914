import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // QEMU boots and shell sandboxes are slow under TCG; generous per-test limits, never timing assertions.
    testTimeout: 120_000,
    hookTimeout: 600_000,
    // One worker per core (vitest's default leaves one core idle, which on a two-core CI machine
    // runs the files one at a time): the slow files mostly wait on the QEMU, shell, bondc,
    // shellcheck and language-server processes they start, each boot file keeps its own pool of
    // two boots, and so two files side by side keep both cores busy.
    maxWorkers: "100%",
  },
});
