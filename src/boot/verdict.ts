// The short report `bondc boot` prints: what the root's own init saw (over NFS, or on a disk), how long it took, and
// whether that is what the compiler predicted (compare.ts judges every field printed here). One
// job: text out (formatInitBoot in report.ts is the long, everything-the-harness-saw form).

import type { CompiledInitBoot } from "./boot-compiled.js";
import { PING_LOSS_LIMIT, STALL_LIMIT_MS } from "./compare.js";

/** The short report of a boot to its root (either target): what the root's own init saw. */
export function formatVerdict(file: string, scenarioName: string, boot: CompiledInitBoot): string {
  const o = boot.boot;
  // A root over NFS, whose files the server holds; or a disk's (disk-root.ts), read back by the host.
  const disk = boot.root.startsWith("/dev/");
  const root = disk ? "the disk root" : "the NFS root";
  const rows: [string, string][] = [];
  rows.push(["root", o.root ? `${o.root.type} from ${o.root.source}, reported by its own /sbin/init` : "not reached"]);
  for (const [name, b] of Object.entries(o.bonds)) {
    const slaves = b.slaves.length ? b.slaves.join(" ") : "none";
    rows.push([
      name,
      `${b.up ? "up" : "DOWN"}, mode ${b.mode}, miimon ${b.miimon}, slaves ${slaves}${b.activeSlave ? `, active slave ${b.activeSlave}` : ""}`,
    ]);
    rows.push([
      "",
      `MAC ${b.mac}, IPv4 ${b.ipv4 ? `${b.ipv4} netmask ${b.netmask}${b.broadcast ? ` brd ${b.broadcast}` : ""}` : "none"}`,
    ]);
    // The options the program sets, as the kernel reports them (the mode is on the line above).
    const options = Object.keys(boot.predicted.bonds.find((p) => p.name === name)?.options ?? {})
      .filter((k) => b.sysfs[k] !== undefined)
      .map((k) => `${k} ${b.sysfs[k]}`);
    if (options.length) rows.push(["", `options ${options.join(", ")}`]);
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
      ? `written, read back, and on the ${disk ? "disk" : "server"}`
      : "NOT round-tripped",
  ]);
  const t = o.timings;
  rows.push([
    "timing",
    `${t.kernelMs !== undefined ? `power-on to /init ${t.kernelMs} ms; ` : ""}power-on to the bond up (the handoff step) ${t.bondUpMs ?? "-"} ms; to ${root}'s init ${t.rootInitMs ?? "-"} ms; whole run ${t.totalMs} ms`,
  ]);
  if (o.load && o.server.load) {
    const s = o.server.load;
    rows.push([
      "failover",
      `${s.received}/${o.load.planned} lines on the server${s.complete ? ", all in order" : `, ${s.missing.length} missing${s.inOrder ? "" : ", out of order"}`}; longest gap ${s.longestGapMs} ms (limit ${STALL_LIMIT_MS})`,
    ]);
    rows.push([
      "",
      o.load.pings === "off"
        ? "no pings planned; judged by the lines"
        : o.load.pings
          ? `${o.load.pings.received}/${o.load.pings.sent} pings to the server answered (at most ${PING_LOSS_LIMIT} lost)`
          : "no ping statistics",
    ]);
    for (const l of o.load.links)
      rows.push(["", `${l.nic} ${l.carrier ? "up" : "down"}: active ${l.active.join(" ") || "-"}`]);
  }
  const against = boot.fault
    ? `the state the fallback policy promises after the fault (${boot.fault})`
    : "the state bondc predicted";
  return verdictTable(file, scenarioName, rows, o.warnings, boot.mismatches, `${root} reports`, against);
}

/** The rows, the harness's warnings and the verdict: ✓ when nothing differs, ✗ and each difference otherwise. */
function verdictTable(
  file: string,
  scenarioName: string,
  rows: [string, string][],
  warnings: readonly string[],
  mismatches: readonly string[],
  /** "the NFS root reports" or "the disk root reports". */
  reports: string,
  /** "the state bondc predicted", or the failure policy's promise after a fault. */
  against: string,
): string {
  for (const w of warnings) rows.push(["harness", w]);
  if (mismatches.length === 0) rows.push(["prediction", `✓ ${reports} ${against}`]);
  else {
    rows.push(["prediction", `✗ ${mismatches.length} difference(s) from ${against}:`]);
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
