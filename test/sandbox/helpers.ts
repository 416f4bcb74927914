/** Helpers shared by the sandbox's own tests. */
import {
  runLinuxrc,
  SHELLS,
  type Dialect,
  type RunOptions,
  type SandboxRun,
  type Shell,
} from "../support/sandbox/index.js";

/** The PATH the compiler's scripts set themselves. */
export const PATH_ENV = { PATH: "/sbin:/bin:/usr/sbin:/usr/bin" } as const;

/** Run `script` under every shell (concurrently, within the sandbox's limit). */
export async function runUnderAllShells(
  script: string,
  dialect: Dialect,
  opts: Omit<RunOptions, "shell" | "dialect"> = {},
): Promise<Record<Shell, SandboxRun>> {
  const runs = await Promise.all(
    SHELLS.map((shell) => runLinuxrc(script, { ...opts, shell, dialect })),
  );
  return Object.fromEntries(runs.map((r) => [r.shell, r])) as Record<
    Shell,
    SandboxRun
  >;
}

/** Short context for assertion messages. */
export function where(r: SandboxRun): string {
  return `${r.shell}/${r.dialect} exit=${r.exitCode}\n--stdout\n${r.stdout}--stderr\n${r.stderr}`;
}
