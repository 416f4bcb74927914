import { formatDeviceNumber } from "../../ir/devices.js";
import type { HandoffAction } from "../../ir/ir.js";
import type { Value } from "../../semantic/types.js";
import type { Word } from "../../sh/ast.js";
import { word, type Command, type Statement } from "../../sh/ast.js";
import type { Carrier } from "../target.js";

/** One write of the root handoff, to a file under /proc/sys/kernel. */
export interface HandoffWrite {
  readonly file: string;
  readonly value: Word;
  /**
   * nfs-root-name and nfs-root-addrs (initrd(4)) exist only on kernels built with the legacy NFS
   * root sysctls; current kernels take the root path from the command line instead. Those writes
   * are made when the file exists; real-root-dev is always required.
   */
  readonly optional: boolean;
}

/** What nfs-root-name gets: it reads like nfsroot=, `path[,options]` (Documentation/admin-guide/nfs/nfsroot.rst). */
export function nfsRootName({ nfsPath: path, nfsOptions: options }: HandoffAction): string | undefined {
  if (path?.kind !== "const") return undefined;
  return options?.kind === "const" ? `${path.text},${options.text}` : path.text;
}

/** The same on every toolset: the handoff is a few writes under /proc. */
export function handoffWrites(
  action: HandoffAction,
  carrier: Carrier | undefined,
  valueWord: (v: Value) => Word,
): HandoffWrite[] {
  const writes: HandoffWrite[] = [];
  const file = (name: string) => `/proc/sys/kernel/${name}`;
  if (action.root.kind === "nfs") {
    const { nfsServer: server } = action;
    const name = nfsRootName(action);
    if (name !== undefined) writes.push({ file: file("nfs-root-name"), value: word(name), optional: true });
    if (server && carrier) {
      // client:server:gateway:netmask:hostname:device:autoconf
      const serverWord = valueWord(server);
      const value = word(
        ...carrier.address,
        ":",
        ...serverWord,
        "::",
        ...(carrier.netmask ?? []),
        `::${carrier.iface}:off`,
      );
      writes.push({ file: file("nfs-root-addrs"), value, optional: true });
    }
    writes.push({ file: file("real-root-dev"), value: word("0x00ff"), optional: false });
  } else if (action.root.kind === "block") {
    writes.push({ file: file("real-root-dev"), value: word(formatDeviceNumber(action.root.number)), optional: false });
  }
  return writes;
}

/** The handoff as script statements: each write checked, optional ones made only where the file exists. */
export function handoffStatements(writes: readonly HandoffWrite[], onFail: (file: string) => Command): Statement[] {
  return writes.map((w) => {
    const command: Command = {
      kind: "command",
      argv: [word("echo"), w.value],
      redirect: { op: ">", target: word(w.file) },
      orElse: onFail(w.file),
    };
    return w.optional ? { kind: "if", test: [word("-e"), word(w.file)], then: [command] } : command;
  });
}
