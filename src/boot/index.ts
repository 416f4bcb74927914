// The real-kernel QEMU harness: boots a generated /linuxrc on Debian's cloud kernel and reports
// what the script did to the network. `bondc boot` is a thin CLI over bootLinuxrc. bootInit boots
// an initramfs /init to a real NFS root (nfs-ganesha in a private namespace) and reports what the
// root's own init saw.
export { bootLinuxrc, BootError, HarnessLimit, type BootOptions } from "./harness.js";
export { bootInit, DEFAULT_LINK_STEPS, type InitBootOptions, type InitScenario } from "./boot-init.js";
export { checkLoad, type InitBoot, type LoadOnServer } from "./nfs-boot.js";
export { NFS_MOUNT_OPTIONS, NFS_SERVER_IP } from "./nfs-server.js";
export type { LinkStep } from "./root-init.js";
export { NIC_MACS, type BootScenario, type FailoverPlan, type NicSetup } from "./scenario.js";
export { namedInitScenarios, namedScenarios, type NamedScenario } from "./scenarios.js";
export { formatInitVerdict, formatVerdict } from "./verdict.js";
export { compareEndState, compareRootState } from "./compare.js";
export { bootCompiled, bootCompiledInit, type CompiledBoot, type CompiledInitBoot } from "./boot-compiled.js";
export type {
  BootObservation,
  BondState,
  FailoverObservation,
  InterfaceState,
  LinkEvent,
  LoadObservation,
  RootMount,
  RootObservation,
} from "./observe.js";
export { fetchKernel, fetchBusybox, defaultCacheDir, PackageError, type KernelFiles } from "../image/packages.js";
export { MissingToolError } from "../image/exec.js";
export { formatInitBoot, formatObservation } from "./report.js";
