// `bondc boot SERVER.bond --client CLIENT.bond…`: the two-VM cluster boot (src/boot/boot-cluster.ts).
//
// Which inventory node a client file is: every client of the inventory when its bond's address is
// the node's own row's (`discover node.address`: one image for every node, told apart by
// `bondc.node=NAME` on the command line); otherwise the one whose address its bond carries (a
// program written for one node), and a file that bonds to no client's address is refused. The
// clients boot one after the other, each once the previous one writes to its root, so the
// server's script waits while some have booted and bonds while they write. `--absent NODE` names
// inventory clients that never boot: the script then starts once the booted ones write, and is
// expected to wait to its deadline and name them.

import type { CompileResult } from "../../api/compile.js";
import { compile } from "../../api/compile.js";
import { predictEndState } from "../../api/predict.js";
import { bootCluster, type ClusterClient } from "../../boot/boot-cluster.js";
import { formatClusterVerdict, judgeCluster } from "../../boot/cluster-verdict.js";
import type { BootOptions } from "../../boot/harness.js";
import { summarise } from "../../report/human.js";
import { printDiagnostics } from "../diagnostics-out.js";
import { readSource, UsageError } from "../io.js";
import { bootFailure } from "./boot-failure.js";

export interface ClusterArgs {
  server: string;
  clients: readonly string[];
  absent: readonly string[];
  /** The clients boot from the server VM over the network (iPXE) instead of -kernel/-initrd. */
  netboot: boolean;
  options: BootOptions;
}

export async function runClusterBoot(args: ClusterArgs): Promise<number> {
  const server = compiled(args.server);
  if (!server) return 1;
  if (server.program.target.name !== "server")
    throw new UsageError(
      `--client goes with a \`target server\` file; ${args.server} is target ${server.program.target.name}`,
    );
  const inventory = server.inventories.flatMap((i) => i.nodes).filter((n) => n.role === "client");
  for (const name of args.absent)
    if (!inventory.some((n) => n.name.value === name))
      throw new UsageError(`--absent ${name}: not a client of ${args.server}'s inventory`);

  const clients: ClusterClient[] = [];
  const add = (node: string, program: CompileResult) => {
    const previous = clients[clients.length - 1];
    clients.push({ node, compiled: program, ...(previous ? { after: previous.node } : {}) });
  };
  for (const file of args.clients) {
    const program = compiled(file);
    if (!program) return 1;
    const address = predictEndState(program).bonds[0]?.address;
    // One image for every node (`discover node.address`): it boots as each client that is not absent.
    if (address?.kind === "node") {
      for (const n of inventory)
        if (!args.absent.includes(n.name.value) && !clients.some((c) => c.node === n.name.value))
          add(n.name.value, program);
      continue;
    }
    const text = address?.kind === "const" ? address.text : undefined;
    const node = inventory.find((n) => n.address.text === text);
    if (!node)
      throw new UsageError(
        `${file}: its bond's address ${text ?? "(read at boot)"} is no client's in ${args.server}'s inventory`,
      );
    if (args.absent.includes(node.name.value))
      throw new UsageError(`${file} is ${node.name.value}, which --absent says never boots`);
    if (clients.some((c) => c.node === node.name.value))
      throw new UsageError(`two --client files are ${node.name.value}`);
    add(node.name.value, program);
  }
  const booted = new Set(clients.map((c) => c.node));
  const missing = inventory.filter((n) => !booted.has(n.name.value) && !args.absent.includes(n.name.value));
  if (missing.length)
    throw new UsageError(
      `no --client for ${missing.map((n) => n.name.value).join(", ")}; give each its file, or say --absent NODE for a node that never boots`,
    );

  const scenario = args.absent.length ? "clients-absent" : "all-clients";
  process.stderr.write(
    `bondc: compiled ${args.server} and ${clients.length} client(s); scenario ${scenario}: ${clients.map((c) => c.node).join(", ")} boot${args.absent.length ? `, ${args.absent.join(", ")} never` : ""}\n`,
  );
  try {
    const boot = await bootCluster(
      {
        name: scenario,
        server,
        clients,
        start: args.absent.length ? "after-writes" : "now",
        netboot: args.netboot,
      },
      args.options,
    );
    const mismatches = judgeCluster(boot, { server, clients: new Map(clients.map((c) => [c.node, c.compiled])) });
    const title = [
      args.server,
      ...args.clients.map((c) => `--client ${c}`),
      ...args.absent.map((a) => `--absent ${a}`),
      ...(args.netboot ? ["--netboot"] : []),
    ];
    process.stdout.write(formatClusterVerdict(title.join(" "), boot, mismatches));
    return mismatches.length === 0 ? 0 : 1;
  } catch (e) {
    return bootFailure(e);
  }
}

function compiled(file: string): CompileResult | undefined {
  const result = compile(readSource(file), file);
  printDiagnostics(result);
  if (result.script !== undefined) return result;
  process.stderr.write(`error: ${file} was not compiled: ${summarise(result.diagnostics)}; nothing to boot\n`);
  return undefined;
}
