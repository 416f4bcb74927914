// The real-kernel QEMU harness: boots a node to a real NFS root (nfs-ganesha in a private
// namespace) and reports what that root's own init saw. bootLegacy boots a `target linuxrc`
// image initrd on the legacy kernel (the kernel runs /linuxrc and mounts the root itself);
// bootInit boots a `target initramfs` /init on Debian's kernel; bootCluster boots a server VM (the
// kernel's nfsd, the `target server` script) and its clients. `bondc boot` is a thin CLI over
// bootCompiledLegacy, bootCompiledInit and bootCluster.
export { BootError, HarnessLimit, type BootOptions } from "./harness.js";
export { bootInit, type InitBootOptions, type InitScenario } from "./boot-init.js";
export { bootLegacy, legacyAppend, QEMU_SITE, type LegacyScenario, type LegacySite } from "./boot-legacy.js";
export { findLegacyKernel, legacyKernelKey, legacyKernelPath, type LegacyKernel } from "../image/legacy-kernel.js";
export {
  checkLoad,
  DEFAULT_LINK_STEPS,
  type InitBoot,
  type LoadOnServer,
  type LoadRequest,
  type NfsBootOptions,
} from "./nfs-boot.js";
export { NFS_MOUNT_OPTIONS, NFS_SERVER_IP } from "./nfs-server.js";
export type { LinkStep } from "./root-init.js";
export { namedInitScenarios, namedLegacyScenarios, type NamedScenario } from "./scenarios.js";
export { formatVerdict } from "./verdict.js";
export { compareLoad, compareRootState, STALL_LIMIT_MS, type NicSetup, type NodeValues } from "./compare.js";
export {
  bootCompiledInit,
  bootCompiledLegacy,
  builtinBondingParams,
  legacySite,
  type CompiledInitBoot,
} from "./boot-compiled.js";
export type { BondState, InterfaceState, LinkEvent, LoadObservation, RootMount, RootObservation } from "./observe.js";
export { fetchKernel, fetchBusybox, defaultCacheDir, PackageError, type KernelFiles } from "../image/packages.js";
export { MissingToolError } from "../image/exec.js";
export { formatInitBoot } from "./report.js";
export { bootCluster, type ClusterClient, type ClusterScenario } from "./boot-cluster.js";
export type { ClientResult, ClusterBoot, ServerObservation } from "./cluster-observe.js";
export { formatClusterVerdict, judgeCluster, type ClusterPrograms } from "./cluster-verdict.js";
