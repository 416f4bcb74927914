// A human-readable summary of a boot to the NFS root (either target), for test logs and the bench.
// One job: text out; the observation itself stays the machine-readable form.

import type { InitBoot } from "./nfs-boot.js";
import type { InterfaceState } from "./observe.js";

function describeInterface(i: InterfaceState): string {
  const parts = [i.up ? "up" : "down", `operstate ${i.operstate}`, `MAC ${i.mac}`];
  if (i.master) parts.push(`slave of ${i.master}`);
  if (i.addresses.length) parts.push(`inet ${i.addresses.join(" ")}`);
  return parts.join(", ");
}

/** A human-readable summary of a boot to its root (over NFS or on a disk): the root's init's report. */
export function formatInitBoot(o: InitBoot): string {
  const out: string[] = [];
  const t = o.timings;
  out.push(
    `scenario ${o.scenario}: the root's init ${o.reachedRoot ? "reported" : "never finished"}` +
      ` (kernel ${t.kernelMs ?? "-"} ms, root's init at ${t.rootInitMs ?? "-"} ms, total ${t.totalMs} ms)`,
  );
  out.push(
    o.root ? `/: ${o.root.type} from ${o.root.source}${o.root.device ? ` (${o.root.device})` : ""}` : "/: not reported",
  );
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
      `, on the host ${o.server.probe === undefined ? "missing" : o.server.probe === o.probe.readBack ? "the same" : JSON.stringify(o.server.probe)}`,
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
    out.push(`before the root: ${l}`);
  for (const w of o.warnings) out.push(`harness warning: ${w}`);
  return `${out.join("\n")}\n`;
}
