// The real-kernel QEMU harness: boots a generated /linuxrc on Debian's cloud kernel and reports
// what the script did to the network. `bondc boot` is a thin CLI over bootLinuxrc.
export { bootLinuxrc, BootError, type BootOptions } from "./harness.js";
export { NIC_MACS, type BootScenario, type FailoverPlan, type NicSetup } from "./scenario.js";
export { namedScenarios, type NamedScenario } from "./scenarios.js";
export { compareEndState } from "./compare.js";
export { bootCompiled, type CompiledBoot } from "./boot-compiled.js";
export type { BootObservation, BondState, FailoverObservation, InterfaceState } from "./observe.js";
export { fetchKernel, fetchBusybox, defaultCacheDir, PackageError, type KernelFiles } from "./packages.js";
export { MissingToolError } from "./exec.js";
export { formatObservation } from "./report.js";
