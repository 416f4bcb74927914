import type { Program } from "../ir/ir.js";

/*
 * Where each value read at boot lives in the script: a shell variable named after what the user
 * called it (`let ip = discover …` becomes $ip), made safe and unique. Names the shell or the
 * generator itself uses are never handed out.
 */

const reservedShellNames = new Set([
  "PATH",
  "IFS",
  "HOME",
  "PWD",
  "OLDPWD",
  "PS1",
  "PS2",
  "PS4",
  "ENV",
  "CDPATH",
  "OPTIND",
  "OPTARG",
  "LINENO",
]);

/** The shell variable of every discovered value, by DiscoveredValue.id, allocated in boot order. */
export function discoveredVariables(program: Program): ReadonlyMap<number, string> {
  const used = new Set<string>();
  // Counted per base name, so a hundred expansions of one procedure do not probe ip, ip_2, … anew.
  const nextSuffix = new Map<string, number>();
  const names = new Map<number, string>();
  for (const action of program.actions) {
    if (action.kind !== "discover" && action.kind !== "node") continue;
    let base = action.hint.replace(/[^A-Za-z0-9_]/g, "_");
    if (!/^[a-z_]/.test(base) || reservedShellNames.has(base) || base.startsWith("bondc_")) base = `v_${base}`;
    let n = nextSuffix.get(base) ?? 1;
    let name = n === 1 ? base : `${base}_${n}`;
    while (used.has(name)) name = `${base}_${++n}`;
    nextSuffix.set(base, n + 1);
    used.add(name);
    names.set(action.id, name);
  }
  return names;
}
