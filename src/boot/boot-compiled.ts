// Boot a compiled .bond file to its root and judge the root's report against the compiler's own
// prediction: the one step `bondc boot`, the boot tests and the boot benchmark share.
// bootCompiledLegacy boots a `target linuxrc` program's image initrd on the legacy kernel, to its
// NFS root or its disk root; bootCompiledInit a `target initramfs` program's /init on Debian's
// kernel, to its NFS root.

import type { CompileResult } from "../api/compile.js";
import type { PredictedEndState, PredictedValue } from "../analysis/end-state.js";
import { predictEndState } from "../api/predict.js";
import { planOf } from "../image/build.js";
import type { HandoffAction } from "../ir/ir.js";
import { bootInit, type InitBootOptions, type InitScenario } from "./boot-init.js";
import { bootLegacy, legacyAppend, QEMU_SITE, type LegacyScenario, type LegacySite } from "./boot-legacy.js";
import { checkNfsBootHost, type InitBoot, type NfsBootOptions } from "./nfs-boot.js";
import { buildImage } from "../image/build.js";
import { legacyNodeKernel } from "../image/legacy-kernel.js";
import { resolveKernel } from "../image/kernel.js";
import { fetchBusybox } from "../image/packages.js";
import { NFS_SERVER_IP } from "./nfs-server.js";
import { compareFallback, compareRootState, type NicSetup } from "./compare.js";
import { bootToDiskRoot, checkDiskBootHost } from "./disk-root.js";
import { HarnessLimit } from "./harness.js";
import { broadcastOf, hostOn, netmaskOf } from "./ipv4.js";

export interface CompiledInitBoot {
  readonly boot: InitBoot;
  readonly predicted: PredictedEndState;
  /** `server:path` the /init mounts, as the handoff names it; a disk root's device (`/dev/sda1`). */
  readonly root: string;
  /** Empty when the root's init reported the predicted state (or, after a fault, the promised one). */
  readonly mismatches: readonly string[];
  /** The fault the scenario injected, when the boot was judged by the failure policy's promise. */
  readonly fault?: string;
}

/**
 * Boot a compiled `target initramfs` program: the image `bondc build` makes for it (with QEMU's NIC
 * drivers, see init-initramfs.ts), the NFS root
 * served under the handoff's path, as many NICs as the program names (eth0..eth3, at least two),
 * and the NFS root's report judged against the prediction (compareRootState). `scenario` may add
 * a load or faults; its nfsPath and nics default to the program's.
 */
export async function bootCompiledInit(
  compiled: CompileResult,
  scenario: InitScenario = {},
  options: InitBootOptions = {},
): Promise<CompiledInitBoot> {
  if (compiled.script === undefined) throw new Error(`${compiled.source.path} has errors; there is no /init to boot`);
  const handoff = compiled.program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  const server = handoff?.nfsServer?.kind === "const" ? handoff.nfsServer.text : undefined;
  const path = handoff?.nfsPath?.kind === "const" ? handoff.nfsPath.text : undefined;
  if (!server || !path)
    throw new HarnessLimit(`${compiled.source.path}: no NFS handoff with a constant server and path to serve`);
  if (server !== NFS_SERVER_IP)
    throw new HarnessLimit(
      `${compiled.source.path}: the harness serves the NFS root as ${NFS_SERVER_IP}, not ${server}`,
    );
  const predicted = predictEndState(compiled);
  const highest = Math.max(1, ...predicted.interfaces.map((i) => Number(/^eth(\d+)$/.exec(i.name)?.[1] ?? "0")));
  // With eth1 absent the guest has eth0 alone, whatever the program names.
  const nics = scenario.eth1 === "absent" ? {} : { nics: Math.min(4, highest + 1) };
  // A root over a VLAN reaches the server through the harness's 802.1Q access port for it.
  const vlan = [...compiled.program.interfaces.values()].find((i) => i.vlan)?.vlan;
  const relay = vlan ? { vlan: vlan.id } : {};
  // The image bondc build makes for the program (planOf), not the script alone.
  const boot = await bootInit(planOf(compiled), { nfsPath: path, ...nics, ...relay, ...scenario }, options);
  const root = `${server}:${path}`;
  if (scenario.fault) {
    const mismatches = judgeFault(compiled, predicted, boot, root, scenario.fault, constantAddress(predicted));
    return { boot, predicted, root, mismatches, fault: scenario.fault };
  }
  return { boot, predicted, root, mismatches: compareRootState(predicted, boot, root) };
}

/**
 * Boot a compiled `target linuxrc` program the seed's way: its image initrd, as `bondc build`
 * makes it (buildImage) for the legacy kernel, on that kernel, whose `ip=` gives the boot NIC the
 * node's address as BOOTP did and which mounts the NFS root itself once /linuxrc has written
 * real-root-dev. The node sits on the network its program names (legacySite); the NFS root's
 * report is judged against the prediction, with the boot NIC's firmware address resolving what
 * the script reads at boot. `options.kernel` (+ `modulesDir`) boots another legacy-capable kernel.
 */
export async function bootCompiledLegacy(
  compiled: CompileResult,
  scenario: LegacyScenario = {},
  options: NfsBootOptions = {},
): Promise<CompiledInitBoot> {
  if (compiled.script === undefined)
    throw new Error(`${compiled.source.path} has errors; there is no /linuxrc to boot`);
  const predicted = predictEndState(compiled);
  const handoff = compiled.program.actions.find((a): a is HandoffAction => a.kind === "handoff");
  const disk = handoff?.root.kind === "block" ? handoff.root : undefined;
  if (!handoff || (handoff.root.kind !== "nfs" && !disk))
    throw new HarnessLimit(
      `${compiled.source.path}: the legacy boot serves an NFS root or a disk, and this program hands over neither`,
    );
  if (disk && (scenario.fault || scenario.load || scenario.serverLateS))
    throw new HarnessLimit(`${compiled.source.path}: a boot to a disk root has no faults, load or server to vary`);
  await (disk ? checkDiskBootHost(options) : checkNfsBootHost(options));
  const path = handoff.nfsPath?.kind === "const" ? handoff.nfsPath.text : "/srv/nfsroot";
  const site =
    scenario.site ?? legacySite(predicted, handoff.nfsServer?.kind === "const" ? handoff.nfsServer.text : undefined);
  const bootNic = scenario.bootNic ?? compiled.program.bootInterface ?? "eth0";
  const highest = Math.max(1, ...predicted.interfaces.map((i) => Number(/^eth(\d+)$/.exec(i.name)?.[1] ?? "0")));

  const packages = { cacheDir: options.cacheDir, onProgress: options.onProgress };
  const kernel = options.kernel
    ? await resolveKernel(options.kernel, options.modulesDir, packages)
    : await legacyNodeKernel();
  const busybox = options.busybox ?? (await fetchBusybox(packages));
  const image = await buildImage(compiled, { kernel, busybox, packages });
  const firmware: Record<string, NicSetup> = {
    [bootNic]: { up: true, ipv4: site.node, netmask: site.netmask, broadcast: broadcastOf(site.node, site.netmask) },
  };
  // As many NICs as the program names (eth0..eth3), and bond0's options as built-in bonding takes them.
  const nics = scenario.nics ?? Math.min(4, highest + 1);
  const moduleParams = scenario.moduleParams ?? builtinBondingParams(compiled);
  if (disk) {
    const append = [legacyAppend(site, undefined, bootNic), ...moduleParams].join(" ");
    const boot = await bootToDiskRoot(
      { initrd: image.bytes, kernel: kernel.path, busybox, append, nics, timeoutMs: scenario.timeoutMs },
      options,
    );
    // The device number real-root-dev took, as mountinfo shows it: major:minor.
    const root = { name: disk.device, device: `${disk.number >> 8}:${disk.number & 0xff}` };
    return { boot, predicted, root: disk.device, mismatches: compareRootState(predicted, boot, root, firmware) };
  }
  const boot = await bootLegacy(
    image.bytes,
    {
      nfsPath: path,
      ...scenario,
      nics,
      moduleParams,
      site,
      bootNic,
    },
    { ...options, kernel: kernel.path, busybox },
  );
  const root = `${site.server}:${path}`;
  if (scenario.fault) {
    const address = { ipv4: site.node, netmask: site.netmask };
    const mismatches = judgeFault(compiled, predicted, boot, root, scenario.fault, address);
    return { boot, predicted, root, mismatches, fault: scenario.fault };
  }
  return { boot, predicted, root, mismatches: compareRootState(predicted, boot, root, firmware) };
}

/**
 * A fault scenario's boot against what the program's failure policy promises: `fallback`, the
 * root over the boot NIC unbonded with `address` (compareFallback); `halt` and `shell` never
 * reach a root (the boot ends in BootError before this), so a root reached is itself the difference.
 */
function judgeFault(
  compiled: CompileResult,
  predicted: PredictedEndState,
  boot: InitBoot,
  root: string,
  fault: string,
  address: { ipv4?: string; netmask?: string },
): string[] {
  const { policy, bootInterface } = compiled.program;
  if (policy.kind !== "fallback" || !bootInterface)
    return [`${fault}: the ${policy.kind} policy promises the node stops, yet it reached ${root}`];
  return compareFallback(predicted, boot, root, bootInterface, address);
}

/** The address the file gives its first bond, when constant: what an initramfs fallback puts on the boot NIC. */
function constantAddress(predicted: PredictedEndState): { ipv4?: string; netmask?: string } {
  const bond = predicted.bonds.find((b) => b.address?.kind === "const");
  const text = (v: PredictedValue | undefined) => (v?.kind === "const" ? v.text : undefined);
  const ipv4 = text(bond?.address);
  const netmask = text(bond?.netmask);
  return { ...(ipv4 ? { ipv4 } : {}), ...(netmask ? { netmask: netmaskOf(netmask).dotted } : {}) };
}

/**
 * bond0's options (the program's `load bonding` parameters and its up block's settings, merged as
 * the script passes them to insmod) as `bonding.NAME=VALUE` for the kernel command line: bonding
 * is built into the legacy kernel, which drops what `insmod bonding NAME=VALUE` says (the insmod
 * stand-in says so on stderr); the command line is where a built-in driver's parameters go.
 * Values only known at boot cannot be given there and are left out.
 */
export function builtinBondingParams(compiled: CompileResult): string[] {
  const bond = compiled.program.bonds.get("bond0");
  if (!bond) return [];
  const out = bond.modeSpan ? [`bonding.mode=${bond.mode}`] : [];
  for (const o of bond.options.values())
    if (o.name !== "mode" && o.values.every((v) => v.kind === "const"))
      out.push(`bonding.${o.name}=${o.values.map((v) => (v.kind === "const" ? v.text : "")).join(",")}`);
  return out;
}

/**
 * The network a linuxrc program boots on: where its bond's constant address (or broadcast, or
 * its NFS server) says the node is, the NFS server at .2 of that network unless the handoff names
 * one; QEMU's own 10.0.2.0/24 when the program names nothing (everything read at boot).
 */
export function legacySite(predicted: PredictedEndState, server: string | undefined): LegacySite {
  const bond = predicted.bonds.find((b) => b.address) ?? predicted.bonds[0];
  const text = (v: PredictedValue | undefined) => (v?.kind === "const" ? v.text : undefined);
  const netmask = netmaskOf(text(bond?.netmask) ?? "255.255.255.0").dotted;
  const address = text(bond?.address);
  const anchor = address ?? text(bond?.broadcast) ?? server;
  if (!anchor) return QEMU_SITE;
  const node = address ?? hostOn(anchor, netmask, 15);
  return { node, netmask, server: server ?? hostOn(anchor, netmask, node === hostOn(anchor, netmask, 2) ? 1 : 2) };
}
