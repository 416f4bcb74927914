// The real-kernel QEMU harness: boots a generated /linuxrc on Debian's cloud kernel and reports
// what the script did to the network. `bondc boot` is a thin CLI over bootLinuxrc.
export { bootLinuxrc, BootError, type BootOptions } from "./harness.js";
export type { BootScenario, FailoverPlan, NicSetup } from "./scenario.js";
export type { BootObservation, BondState, FailoverObservation, InterfaceState } from "./observe.js";
export { fetchKernel, fetchBusybox, defaultCacheDir, PackageError, type KernelFiles } from "./packages.js";
export { MissingToolError } from "./exec.js";
export { formatObservation } from "./report.js";
