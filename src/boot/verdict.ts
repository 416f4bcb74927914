// The short report `bondc boot` prints: what the real kernel ended up with, how long it took, and
// whether that is what the compiler predicted. One job: text out (formatObservation in report.ts
// is the long, everything-the-harness-saw form).

import type { CompiledBoot, CompiledInitBoot } from "./boot-compiled.js";

export function formatVerdict(file: string, scenarioName: string, boot: CompiledBoot): string {
  const o = boot.observation;
  const rows: [string, string][] = [];
  const rc = o.linuxrc.timedOut
    ? `still running after the harness's limit, killed (status ${o.linuxrc.exitCode})`
    : `exit ${o.linuxrc.exitCode}`;
  rows.push([
    "linuxrc",
    `${rc}, ${o.complaints.length ? `${o.complaints.length} line(s) on stderr` : "nothing on stderr"}`,
  ]);
  for (const c of o.complaints) rows.push(["", `| ${c}`]);

  const b = o.bond;
  if (b) {
    const slaves = b.slaves.length ? b.slaves.join(" ") : "none";
    rows.push([
      "bond0",
      `${b.up ? "up" : "DOWN"}, mode ${b.mode}, slaves ${slaves}${b.activeSlave ? `, active slave ${b.activeSlave}` : ""}`,
    ]);
    rows.push(["MAC", b.mac]);
    rows.push(["IPv4", b.ipv4 ? `${b.ipv4} netmask ${b.netmask}` : "none"]);
  } else {
    rows.push(["bond0", "absent"]);
  }
  // After a fallback the interesting address is on a NIC.
  for (const [name, i] of Object.entries(o.interfaces)) {
    if (name !== "bond0" && !i.master && i.ipv4)
      rows.push([name, `${i.up ? "up" : "DOWN"}, IPv4 ${i.addresses.join(" ")}, not enslaved`]);
  }
  rows.push(["root", rootHandoff(o.realRootDev)]);
  // /linuxrc's own steps are not timestamped: the bond was up by the time it exited.
  const ran = b?.up
    ? `bond0 up by the end of /linuxrc, ${o.timings.linuxrcMs} ms later`
    : `/linuxrc ran ${o.timings.linuxrcMs} ms`;
  rows.push(["timing", `power-on to /linuxrc ${o.timings.bootMs} ms; ${ran}; whole run ${o.timings.totalMs} ms`]);
  if (o.failover) {
    const f = o.failover;
    rows.push([
      "failover",
      `${f.cut} cut: active ${f.activeBefore ?? "-"} -> ${f.activeAfter ?? "-"}, ping ${f.received}/${f.transmitted} answered` +
        (f.lostSeqs.length ? ` (lost seq ${f.lostSeqs.join(",")})` : ""),
    ]);
  }
  return verdictTable(file, scenarioName, rows, o.warnings, boot.mismatches, "the kernel reports");
}

function rootHandoff(dev: number | undefined): string {
  if (dev === undefined) return "real-root-dev unreadable";
  if (dev === 0) return "real-root-dev 0: the root was not handed over";
  const hex = `0x${dev.toString(16).padStart(4, "0")}`;
  const what = dev === 0xff ? "the NFS root" : `block device ${dev >> 8}:${dev & 0xff}`;
  return `real-root-dev ${dev} (${hex}): handed over to ${what}`;
}

/** The short report of an initramfs boot (bootCompiledInit): what the NFS root's own init saw. */
export function formatInitVerdict(file: string, scenarioName: string, boot: CompiledInitBoot): string {
  const o = boot.boot;
  const rows: [string, string][] = [];
  rows.push(["root", o.root ? `${o.root.type} from ${o.root.source}, reported by its own /sbin/init` : "not reached"]);
  for (const [name, b] of Object.entries(o.bonds)) {
    const slaves = b.slaves.length ? b.slaves.join(" ") : "none";
    rows.push([
      name,
      `${b.up ? "up" : "DOWN"}, mode ${b.mode}, miimon ${b.miimon}, slaves ${slaves}${b.activeSlave ? `, active slave ${b.activeSlave}` : ""}`,
    ]);
    const i = o.interfaces[name];
    rows.push([
      "",
      `MAC ${b.mac}, IPv4 ${i?.ipv4 ? `${i.ipv4} netmask ${i.netmask}${i.broadcast ? ` brd ${i.broadcast}` : ""}` : "none"}`,
    ]);
  }
  if (!Object.keys(o.bonds).length) rows.push(["bonds", "none"]);
  for (const [name, i] of Object.entries(o.interfaces)) {
    if (!o.bonds[name] && !i.master && i.ipv4)
      rows.push([name, `${i.up ? "up" : "DOWN"}, IPv4 ${i.addresses.join(" ")}, not enslaved`]);
  }
  rows.push([
    "route",
    o.defaultRoute ? `default via ${o.defaultRoute.via} dev ${o.defaultRoute.dev}` : "no default route",
  ]);
  rows.push([
    "file on /",
    o.probe.wrote && o.probe.readBack !== undefined && o.probe.readBack === o.server.probe
      ? "written, read back, and on the server"
      : "NOT round-tripped",
  ]);
  const t = o.timings;
  rows.push([
    "timing",
    `power-on to /init ${t.kernelMs ?? "-"} ms; to the NFS root's init ${t.rootInitMs ?? "-"} ms; whole run ${t.totalMs} ms`,
  ]);
  if (o.load && o.server.load) {
    const s = o.server.load;
    rows.push([
      "failover",
      `${s.received}/${o.load.planned} lines on the server${s.complete ? ", all in order" : `, ${s.missing.length} missing${s.inOrder ? "" : ", out of order"}`}; longest gap ${s.longestGapMs} ms`,
    ]);
    for (const l of o.load.links)
      rows.push(["", `${l.nic} ${l.carrier ? "up" : "down"}: active ${l.active.join(" ") || "-"}`]);
  }
  return verdictTable(file, scenarioName, rows, o.warnings, boot.mismatches, "the NFS root reports");
}

/** The rows, the harness's warnings and the verdict: ✓ when nothing differs, ✗ and each difference otherwise. */
function verdictTable(
  file: string,
  scenarioName: string,
  rows: [string, string][],
  warnings: readonly string[],
  mismatches: readonly string[],
  reporter: string,
): string {
  for (const w of warnings) rows.push(["harness", w]);
  if (mismatches.length === 0) rows.push(["prediction", `✓ ${reporter} the state bondc predicted`]);
  else {
    rows.push(["prediction", `✗ ${mismatches.length} difference(s) from what bondc predicted:`]);
    for (const m of mismatches) rows.push(["", `- ${m}`]);
  }
  const width = Math.max(...rows.map(([k]) => k.length));
  return (
    [
      `bondc boot ${file} (scenario ${scenarioName})`,
      ...rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`.trimEnd()),
    ].join("\n") + "\n"
  );
}
