/**
 * The linuxrc sandbox: run a script as /linuxrc under a chosen shell in a throw-away chroot with
 * its own namespaces, against stub network tools that keep kernel-like state. See README.md.
 */
export { runLinuxrc, findProcessesIn, DEFAULT_TIMEOUT_MS, MAX_CONCURRENT_RUNS, OUTPUT_LIMIT } from "./runner.js";
export {
  SHELL_PACKAGES,
  assertShellsPresent,
  checkShells,
  missingShellsMessage,
  shellArgv,
  type ShellAvailability,
} from "./shells.js";
export { DEFAULT_BOND_MAC, DEFAULT_INTERFACES, DEFAULT_MODULES, FAULTS, KERNEL_ENV } from "./scenario.js";
export { APPLETS, cleanupSandbox, getTemplate } from "./template.js";
export { STUBBED_APPLETS } from "./busybox-patch.js";
export { parseKernelInt } from "./state.js";
export * from "./types.js";
