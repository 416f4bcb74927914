import { fileURLToPath } from "node:url";

/** The checkout: two levels above this file, whether it runs from src/bench/ or dist/bench/. */
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
