// A human-readable summary of a BootObservation, for `bondc boot` and for test logs.
// One job: text out; the observation itself stays the machine-readable form.

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
