// A human-readable summary of a BootObservation (and of an initramfs boot), for `bondc boot` and
// for test logs.
// One job: text out; the observation itself stays the machine-readable form.

import type { InitBoot } from "./nfs-boot.js";
import type { BootObservation, InterfaceState } from "./observe.js";

export function formatObservation(o: BootObservation): string {
  const out: string[] = [];
  const rc = o.linuxrc.timedOut ? `killed after timeout (status ${o.linuxrc.exitCode})` : `exit ${o.linuxrc.exitCode}`;
  out.push(
    `scenario ${o.scenario}: /linuxrc ${rc} in ${o.timings.linuxrcMs} ms (boot ${o.timings.bootMs} ms, total ${o.timings.totalMs} ms)`,
  );
  if (o.complaints.length) {
    out.push(`complaints (stderr of /linuxrc):`);
    for (const c of o.complaints) out.push(`  ${c}`);
  } else out.push("complaints: none");
  if (o.linuxrc.stdout) {
    out.push("stdout of /linuxrc:");
    for (const l of o.linuxrc.stdout.split("\n")) out.push(`  ${l}`);
  }
  if (o.bond) {
    const b = o.bond;
    const addr = b.ipv4 ? `${b.ipv4} netmask ${b.netmask}` : "no IPv4 address";
    out.push(
      `bond0: ${b.up ? "up" : "DOWN"}, mode ${b.mode}, miimon ${b.miimon}, slaves [${b.slaves.join(", ")}]` +
        `${b.activeSlave ? `, active ${b.activeSlave}` : ""}, ${addr}, MAC ${b.mac}`,
    );
  } else out.push("bond0: absent");
  for (const [name, i] of Object.entries(o.interfaces)) {
    if (name !== "bond0") out.push(`${name}: ${describeInterface(i)}`);
  }
  out.push(
    `real-root-dev: ${o.realRootDev ?? "unreadable"}${o.nfsRootName !== undefined ? `, nfs-root-name: ${o.nfsRootName}` : ""}`,
  );
  if (o.failover) {
    const f = o.failover;
    out.push(
      `failover (${f.cut} cut${f.linkDownSeen ? "" : ", but the guest never saw the carrier drop"}): ` +
        `active ${f.activeBefore ?? "-"} -> ${f.activeAfter ?? "-"}, ping ${f.received}/${f.transmitted} answered` +
        (f.lostSeqs.length ? `, lost seq ${f.lostSeqs.join(",")}` : ""),
    );
  }
  for (const w of o.warnings) out.push(`harness warning: ${w}`);
  return `${out.join("\n")}\n`;
}

function describeInterface(i: InterfaceState): string {
  const parts = [i.up ? "up" : "down", `operstate ${i.operstate}`, `MAC ${i.mac}`];
  if (i.master) parts.push(`slave of ${i.master}`);
  if (i.addresses.length) parts.push(`inet ${i.addresses.join(" ")}`);
  return parts.join(", ");
}

/** A human-readable summary of an initramfs boot (`bootInit`): the NFS root's init's report. */
export function formatInitBoot(o: InitBoot): string {
  const out: string[] = [];
  const t = o.timings;
  out.push(
    `scenario ${o.scenario}: NFS root's init ${o.reachedRoot ? "reported" : "never finished"}` +
      ` (kernel ${t.kernelMs ?? "-"} ms, root's init at ${t.rootInitMs ?? "-"} ms, total ${t.totalMs} ms)`,
  );
  out.push(o.root ? `/: ${o.root.type} from ${o.root.source}` : "/: not reported");
  const bonds = Object.entries(o.bonds);
  if (!bonds.length) out.push("bonds: none");
  for (const [name, b] of bonds) {
    out.push(
      `${name}: ${b.up ? "up" : "DOWN"}, mode ${b.mode}, miimon ${b.miimon}, slaves [${b.slaves.join(", ")}]${b.activeSlave ? `, active ${b.activeSlave}` : ""}`,
    );
  }
  for (const [name, i] of Object.entries(o.interfaces)) {
    const parts = [describeInterface(i)];
    if (i.broadcast) parts.push(`brd ${i.broadcast}`);
    out.push(`${name}: ${parts.join(", ")}`);
  }
  out.push(`default route: ${o.defaultRoute ? `via ${o.defaultRoute.via} dev ${o.defaultRoute.dev}` : "none"}`);
  out.push(
    `file on /: ${o.probe.wrote ? "written" : "NOT written"}, read back ${o.probe.readBack === undefined ? "nothing" : o.probe.readBack === o.server.probe ? "the same" : JSON.stringify(o.probe.readBack)}` +
      `, on the server ${o.server.probe === undefined ? "missing" : o.server.probe === o.probe.readBack ? "the same" : JSON.stringify(o.server.probe)}`,
  );
  if (o.load) {
    const s = o.server.load;
    out.push(
      `load: ${s ? `${s.received}/${o.load.planned} lines on the server, ${s.complete ? "all in order" : `missing ${s.missing.length}, ${s.inOrder ? "in order" : "OUT OF ORDER"}`}, longest gap ${s.longestGapMs} ms after line ${s.longestGapAfter}` : "no file on the server"}`,
    );
    out.push(`  active at start: ${o.load.activeAtStart.join(" ") || "-"}`);
    for (const l of o.load.links)
      out.push(`  ${l.nic} ${l.carrier ? "up" : "down"} at ${l.tMs} ms (guest): active ${l.active.join(" ") || "-"}`);
    for (const l of o.load.linkTimeouts) out.push(`  never saw ${l}`);
  }
  for (const l of o.initConsole.filter((x) => x.trim() && !/^SeaBIOS|^Booting from|^iPXE/.test(x)))
    out.push(`/init said: ${l}`);
  for (const w of o.warnings) out.push(`harness warning: ${w}`);
  return `${out.join("\n")}\n`;
}
