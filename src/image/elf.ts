// What the dynamic loader needs to start an ELF program: its interpreter (PT_INTERP), the shared
// libraries it names (DT_NEEDED) and where it says to look (DT_RUNPATH, DT_RPATH). Read from the
// file itself, as ld.so does, so a binary can be put into an image with its libraries without
// running it (ldd runs the loader, which a foreign or untrusted binary should not get).

export interface DynamicInfo {
  /** PT_INTERP ("/lib64/ld-linux-x86-64.so.2"); undefined for a static program or a library. */
  readonly interpreter?: string;
  /** DT_NEEDED sonames, in the file's order. */
  readonly needed: readonly string[];
  /** DT_RUNPATH, else DT_RPATH, split at ":" ($ORIGIN left as written). */
  readonly runpath: readonly string[];
  /** The GNU triplet's machine ("x86_64", "aarch64"), for the library folder's name. */
  readonly machine: string;
}

const PT_INTERP = 3;
const PT_DYNAMIC = 2;
const PT_LOAD = 1;
const DT_NEEDED = 1;
const DT_STRTAB = 5;
const DT_RPATH = 15;
const DT_RUNPATH = 29;
const MACHINES: Readonly<Record<number, string>> = {
  3: "i386",
  40: "arm",
  62: "x86_64",
  183: "aarch64",
  243: "riscv64",
};

/** Whether `data` starts like an ELF file (a shell script does not). */
export function isElf(data: Buffer): boolean {
  return data.length >= 64 && data.readUInt32BE(0) === 0x7f454c46;
}

/** Reads a 64- or 32-bit, little- or big-endian ELF file; throws on anything else. */
export function dynamicInfo(data: Buffer): DynamicInfo {
  if (!isElf(data)) throw new Error("not an ELF file");
  const is64 = data[4] === 2;
  const le = data[5] === 1;
  const u16 = (o: number) => (le ? data.readUInt16LE(o) : data.readUInt16BE(o));
  const u32 = (o: number) => (le ? data.readUInt32LE(o) : data.readUInt32BE(o));
  const word = (o: number) => (is64 ? Number(le ? data.readBigUInt64LE(o) : data.readBigUInt64BE(o)) : u32(o));
  const machine = MACHINES[u16(18)] ?? `machine-${u16(18)}`;
  const phoff = word(is64 ? 32 : 28);
  const phentsize = u16(is64 ? 54 : 42);
  const phnum = u16(is64 ? 56 : 44);

  const loads: { vaddr: number; offset: number; filesz: number }[] = [];
  let interpreter: string | undefined;
  let dynamic: { offset: number; size: number } | undefined;
  for (let i = 0; i < phnum; i++) {
    const ph = phoff + i * phentsize;
    const type = u32(ph);
    const offset = word(ph + (is64 ? 8 : 4));
    const vaddr = word(ph + (is64 ? 16 : 8));
    const filesz = word(ph + (is64 ? 32 : 16));
    if (type === PT_INTERP) interpreter = cString(data, offset);
    else if (type === PT_DYNAMIC) dynamic = { offset, size: filesz };
    else if (type === PT_LOAD) loads.push({ vaddr, offset, filesz });
  }
  if (!dynamic) return { interpreter, needed: [], runpath: [], machine };

  // Dynamic entries hold string-table offsets; the table's address is virtual, mapped by a PT_LOAD.
  const entries: { tag: number; value: number }[] = [];
  const size = is64 ? 16 : 8;
  for (let o = dynamic.offset; o + size <= dynamic.offset + dynamic.size; o += size) {
    const tag = word(o);
    if (tag === 0) break;
    entries.push({ tag, value: word(o + size / 2) });
  }
  const strtabAddr = entries.find((e) => e.tag === DT_STRTAB)?.value;
  const load = loads.find((l) => strtabAddr !== undefined && strtabAddr >= l.vaddr && strtabAddr < l.vaddr + l.filesz);
  if (strtabAddr === undefined || !load) throw new Error("ELF dynamic section without a loadable string table");
  const strtab = strtabAddr - load.vaddr + load.offset;
  const str = (tag: number) => entries.filter((e) => e.tag === tag).map((e) => cString(data, strtab + e.value));
  const runpath = (str(DT_RUNPATH)[0] ?? str(DT_RPATH)[0] ?? "").split(":").filter(Boolean);
  return { interpreter, needed: str(DT_NEEDED), runpath, machine };
}

function cString(data: Buffer, at: number): string {
  const end = data.indexOf(0, at);
  return data.toString("latin1", at, end < 0 ? data.length : end);
}
