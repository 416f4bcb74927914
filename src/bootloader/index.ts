import { bpbatchFiles } from "./bpbatch.js";
import { grubFiles } from "./grub.js";
import { ipxeFiles } from "./ipxe.js";
import type { BootFile, BootNode } from "./node.js";
import { pxelinuxFiles } from "./pxelinux.js";

/*
 * Boot-loader entries for diskless nodes (issue 11's step 3 of the seed): one module per format,
 * each writing the bonded entry and the unbonded fallback beside it. Every word is checked against
 * the format's value domain (src/semantic/domains/boot-loaders.ts) as it is written; a value the
 * format cannot hold throws BootEntryError instead of writing an entry that boots something else.
 */

export { bootNode, type NodeInput } from "./cmdline.js";
export { clusterBootNodes, findsItsNode } from "./cluster.js";
export { BootEntryError, type BootFile, type BootImage, type BootNode } from "./node.js";

/** Every boot-loader file of the nodes, sorted by path; files the nodes share (boot.ipxe) once. */
export function bootEntries(nodes: readonly BootNode[]): BootFile[] {
  const files = new Map<string, string>();
  for (const node of nodes)
    for (const f of [...pxelinuxFiles(node), ...ipxeFiles(node), ...grubFiles(node), ...bpbatchFiles(node)]) {
      const before = files.get(f.path);
      if (before !== undefined && before !== f.content)
        throw new Error(`two nodes write ${f.path}: their boot NICs share a MAC or an address`);
      files.set(f.path, f.content);
    }
  return [...files.keys()].sort().map((path) => ({ path, content: files.get(path)! }));
}
