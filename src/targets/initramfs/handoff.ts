import type { HandoffAction } from "../../ir/ir.js";
import type { Value } from "../../semantic/types.js";
import { cmd, comment, glob, v, word, type Command, type Statement, type Word } from "../../sh/ast.js";
import type { Carrier } from "../target.js";
import { newRoot, pseudoFileSystems } from "./mounts.js";

/** How long /init waits for a link before the failure policy takes over. */
export const linkWaitSeconds = 30;

const waitName = "bondc_wait";

/**
 * `bondc_wait FILE` returns once FILE reads something other than 0 or nothing, and fails after
 * linkWaitSeconds: a bond's carrier comes up when its first slave's link does, an 802.3ad
 * aggregator gets ports when the link partner answers. Until then the NFS mount would only time out.
 */
export function waitFunction(): Statement[] {
  const seconds = Array.from({ length: linkWaitSeconds }, (_, i) => word(String(i + 1)));
  return [
    comment(
      `Wait up to ${linkWaitSeconds} s for a sysfs file to read non-zero (a link's carrier, an aggregator's ports).`,
    ),
    {
      kind: "function",
      name: waitName,
      body: [
        {
          kind: "for",
          variable: "_",
          items: seconds,
          body: [
            { kind: "assign", variable: "bondc_value", value: word("") },
            { ...cmd("read", "-r", "bondc_value"), redirect: { op: "<", target: word(v("1")) }, orElse: cmd(":") },
            {
              kind: "case",
              subject: word(v("bondc_value")),
              arms: [
                { patterns: [[""], ["0"]], body: [] },
                { patterns: [[glob("*")]], body: [cmd("return", "0")] },
              ],
            },
            cmd("sleep", "1"),
          ],
        },
        cmd("return", "1"),
      ],
    },
  ];
}

function waitFor(carrier: Carrier, onFail: (what: string) => Command): Statement[] {
  const sys = `/sys/class/net/${carrier.iface}`;
  const waits: Statement[] = [
    { ...cmd(waitName, `${sys}/carrier`), orElse: onFail(`waiting for ${carrier.iface}'s link`) },
  ];
  if (carrier.aggregator) {
    waits.push({
      ...cmd(waitName, `${sys}/bonding/ad_num_ports`),
      orElse: onFail(`waiting for ${carrier.iface}'s 802.3ad aggregator`),
    });
  }
  return waits;
}

/**
 * How often, and how far apart, /init tries the NFS mount before the failure policy takes over: a
 * node powered on with its server (after a power cut) boots faster than the server, whose NFS
 * service then refuses or does not answer for a while. 12 tries 5 s apart: about a minute, as the
 * kernel's own nfsroot mount waits (init/do_mounts.c, mount_nfs_root: 5 retries, 5 s doubling to
 * 30 s apart).
 */
export const nfsMountTries = 12;
export const nfsRetrySeconds = 5;

const mountedFlag = "bondc_root_mounted";

/**
 * busybox's mount has no NFS helper: it hands the options to the kernel, whose NFS client then
 * needs the server's address as addr= (shared/notes/nfs-root.md). Tried nfsMountTries times.
 */
function nfsMount(
  action: HandoffAction,
  render: (value: Value) => Word,
  onFail: (what: string) => Command,
): Statement[] {
  const server = render(action.nfsServer!);
  const options = action.nfsOptions ? [...render(action.nfsOptions), ","] : ["nolock,"];
  const source = word(...server, ":", ...render(action.nfsPath!));
  const mount = cmd("mount", "-t", "nfs", "-o", word(...options, "addr=", ...server), source, newRoot);
  const tries = Array.from({ length: nfsMountTries }, (_, i) => word(String(i + 1)));
  return [
    comment(
      `The server may not answer yet (booted with the node): try ${nfsMountTries} times, ${nfsRetrySeconds} s apart.`,
    ),
    { kind: "assign", variable: mountedFlag, value: word("") },
    {
      kind: "for",
      variable: "_",
      items: tries,
      body: [
        { kind: "if", test: mount, then: [{ kind: "assign", variable: mountedFlag, value: word("1") }, cmd("break")] },
        cmd("sleep", String(nfsRetrySeconds)),
      ],
    },
    { kind: "if", test: [word("-z"), word(v(mountedFlag))], then: [onFail("mounting the NFS root")] },
  ];
}

/** Waits for the carrier, mounts the root at /newroot, moves the pseudo file systems and switch_roots. */
export function mountRoot(
  action: HandoffAction,
  carrier: Carrier | undefined,
  render: (value: Value) => Word,
  onFail: (what: string) => Command,
): Statement[] {
  const mount: Statement[] =
    action.root.kind === "nfs"
      ? nfsMount(action, render, onFail)
      : [
          {
            ...cmd("mount", action.root.kind === "block" ? action.root.device : "", newRoot),
            orElse: onFail("mounting the root"),
          },
        ];
  return [
    ...(carrier && action.root.kind === "nfs" ? waitFor(carrier, onFail) : []),
    ...mount,
    ...pseudoFileSystems.map((m): Statement => ({
      ...cmd("mount", "--move", m.dir, `${newRoot}${m.dir}`),
      orElse: onFail(`moving ${m.dir} into the root`),
    })),
    comment("The root's own init replaces this script; nothing after this line runs."),
    cmd("exec", "switch_root", newRoot, "/sbin/init"),
  ];
}
