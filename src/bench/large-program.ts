/*
 * Valid .bond programs of a chosen size, for measuring how compile time grows. Both shapes are
 * what a large site description would really contain: one bond per pair of NICs, each bond
 * taking the identity its first NIC was booted with. They compile with no diagnostics at all
 * (the bench says so when one does not), so the time measured is the full pipeline, code
 * generation included, not an early exit on errors.
 */

export type ProgramShape = "flat" | "procedures";

export const programShapes: readonly ProgramShape[] = ["flat", "procedures"];

/*
 * Every bond takes the MAC eth0 booted with: the DHCP/BOOTP and NFS servers know the node by it
 * (a bond with any other MAC would rightly draw BOND0403).
 */
const header = ['target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }', "", "let mac = discover eth0.hwaddr"];
const footer = ["mount proc", 'handoff nfs { server 10.0.2.2  path "/srv/nfsroot" }', "on failure halt"];

/** One bond written out statement by statement: 13 lines. */
function flatBond(i: number): string[] {
  const [a, b] = [`eth${2 * i}`, `eth${2 * i + 1}`];
  return [
    `iface ${a}, ${b}`,
    `let ip${i} = discover ${a}.inet`,
    `let mask${i} = discover ${a}.netmask`,
    `let bcast${i} = discover ${a}.broadcast`,
    `up bond${i} {`,
    `  address ip${i}`,
    `  netmask mask${i}`,
    `  broadcast bcast${i}`,
    "  hwaddr mac",
    "  miimon 100",
    "}",
    `down ${a}, ${b}`,
    `enslave ${a}, ${b} to bond${i}`,
  ];
}

/** One bond as its own procedure and a call of it: 11 lines. */
function procedureBond(i: number): string[] {
  return [
    `proc bond_pair_${i}(boot: interface, spare: interface, bond: interface, mac: mac) {`,
    "  let ip = discover boot.inet",
    "  let mask = discover boot.netmask",
    "  let bcast = discover boot.broadcast",
    "  up bond { address ip  netmask mask  broadcast bcast  hwaddr mac  miimon 100 }",
    "  down boot, spare",
    "  enslave boot, spare to bond",
    "}",
    `iface eth${2 * i}, eth${2 * i + 1}`,
    `bond_pair_${i}(eth${2 * i}, eth${2 * i + 1}, bond${i}, mac)`,
    "",
  ];
}

const bondWriters: Record<ProgramShape, (i: number) => string[]> = { flat: flatBond, procedures: procedureBond };

/**
 * A program of about `lines` lines (never fewer) in the given shape. The bonding module is
 * loaded once with max_bonds set, which is what creates bond0 .. bondN-1.
 */
export function largeProgram(shape: ProgramShape, lines: number): string {
  const perBond = bondWriters[shape](0).length;
  const bonds = Math.max(1, Math.ceil((lines - header.length - footer.length - 1) / perBond));
  const out = [...header, `load bonding max_bonds=${bonds}`];
  for (let i = 0; i < bonds; i++) out.push(...bondWriters[shape](i));
  out.push(...footer);
  return `${out.join("\n")}\n`;
}
