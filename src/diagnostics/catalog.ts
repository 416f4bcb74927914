import { homepage } from "../version.js";
import type { Severity } from "./diagnostic.js";

/**
 * The one catalog of every diagnostic bondc can report. Codes are stable forever and grouped by
 * range, like ShellCheck's: 00xx syntax, 01xx names and types, 02xx literals, 03xx boot ordering,
 * 04xx address consistency, 05xx kernel bonding rules, 06xx directives, 09xx compiler faults.
 * `bondc explain CODE`, docs/diagnostics.md, the LSP's code links and SARIF rules all read this.
 * Each code has a failing example in examples/mistakes/<code>-<slug>.bond and a passing twin in
 * examples/fixed/<code>.bond; test/diagnostics/catalog.test.ts keeps them honest.
 */
export interface CatalogEntry {
  readonly code: string;
  readonly slug: string;
  readonly severity: Severity;
  /** One line, the same for every occurrence. */
  readonly summary: string;
  /**
   * The long form, rustc-style: what is wrong, why it matters on a real node, how to fix it, and a
   * small before/after. Plain text in the format of explanation.ts: paragraphs separated by blank
   * lines, example lines indented by four spaces.
   */
  readonly explanation: string;
}

/** The code ranges, in order, as docs/diagnostics.md groups them. */
export const codeRanges: readonly { readonly prefix: string; readonly title: string }[] = [
  { prefix: "BOND00", title: "Syntax" },
  { prefix: "BOND01", title: "Names and types" },
  { prefix: "BOND02", title: "Literals" },
  { prefix: "BOND03", title: "Boot ordering" },
  { prefix: "BOND04", title: "Address consistency" },
  { prefix: "BOND05", title: "Kernel bonding rules" },
  { prefix: "BOND06", title: "Directives" },
  { prefix: "BOND09", title: "Compiler faults" },
];

/**
 * Why a program whose generated script mounts /proc early for net-tools is still judged by its own
 * `mount proc` (BOND0305, BOND0333): the checks judge the steps as the program orders them.
 */
const procMountIsTheProgramsOwn = `bondc judges the steps in the order the program gives them. With net-tools the generated
script may mount /proc before the program does: ifconfig finds interfaces in /proc/net/dev, so the
script mounts /proc where its own reads begin (before the fallback's first look at the boot NIC, or
before the first discover). That mount belongs to the toolset's reads, not to the program: it is
not there with iproute2 or busybox, nor when the reads move, so a program that leans on it breaks
when either changes. The program's own \`mount proc\` must come first.`;

const entries = [
  // 00xx: syntax
  {
    code: "BOND0001",
    slug: "syntax-error",
    severity: "error",
    summary: "the parser expected something else here",
    explanation: `The text does not follow the .bond grammar (grammar/bond.ebnf), and the message names
what the parser expected instead. The usual causes are a missing keyword or brace, and habits from
the shell or from ifenslave, whose word order is different. The commonest slips are named as
such, with the fix: a misspelled keyword at the start of a statement (did you mean \`enslave\`?), a
missing comma between names, a missing \`{\` after \`up bond0\`.

The parser recovers and keeps reading, so the statements after the error are still checked, but
nothing is compiled until every syntax error is fixed: a script built from a guess about what was
meant could take the wrong interfaces down on a real node.

For example, instead of

    enslave eth0, eth1 bond0

write

    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0002",
    slug: "unknown-character",
    severity: "error",
    summary: "a character that cannot start any token",
    explanation: `Only letters, digits, the punctuation of the grammar ( { } ( ) , : = . / ), double-quoted
strings and # comments may appear in a .bond file. A stray character is usually a shell-ism copied
from a hand-written linuxrc: a $ in front of a name, a ; between commands, a backquote or a single
quote.

bondc writes all the shell syntax itself, quoted correctly, so none of it belongs in the .bond file.
Statements end at the end of the line, lists use commas, and names are written without $.

For example, instead of

    down eth0; down eth1
    up bond0 { address $IP }

write

    down eth0, eth1
    up bond0 { address ip }`,
  },
  {
    code: "BOND0003",
    slug: "unterminated-string",
    severity: "error",
    summary: "a string literal is not closed on its line",
    explanation: `Strings are written in double quotes and must end on the line where they start. Without
the closing quote the string swallows the rest of the line, including a closing brace or a comment,
and the statement around it no longer means what it says.

bondc reads on as if the string had been closed at the end of the line, so later statements are
still checked, but nothing is compiled until the quote is added.

For example, instead of

    path "/srv/nfsroot/node5

write

    path "/srv/nfsroot/node5"`,
  },
  // 01xx: names and types
  {
    code: "BOND0101",
    slug: "unknown-name",
    severity: "error",
    summary: "a name that is not bound in this scope",
    explanation: `Every name must be bound before it is used: with let, as a procedure parameter, or, for
procedures, by a proc declaration in the file or in an imported library. A let binding is visible
from the statement after it to the end of its block, and a procedure sees only its parameters, its
own lets and other procedures, never its caller's variables. Names are case-sensitive.

A name bondc cannot resolve has no value it could put in the script, so the statement that uses it
cannot be compiled. When a bound name is close to the one written, the message suggests it.

For example, instead of

    let mask = discover boot.netmask
    up bond0 { address ip  netmask msk }

write

    let mask = discover boot.netmask
    up bond0 { address ip  netmask mask }`,
  },
  {
    code: "BOND0102",
    slug: "type-mismatch",
    severity: "error",
    summary: "a value of the wrong type",
    explanation: `Every position has a type: address and broadcast want an ipv4, netmask a netmask
(255.255.255.0 or /24), hwaddr a mac, enslave and down interfaces, load a module, and a procedure's
parameters the types they declare. Discovered values carry the type of the field they were read
from: hwaddr is a mac, inet and broadcast are ipv4, netmask is a netmask.

Types are what keep a MAC from ending up where an address belongs. That is exactly what the seed's
hand-written general form does when its sed pattern misses a line of ifconfig output: ifconfig bond0
is then given a MAC as its address, and the node stops at boot with "Unknown host" and no network.

For example, instead of

    let mac = discover boot.hwaddr
    up bond0 { address mac }

write

    let mac = discover boot.hwaddr
    let ip = discover boot.inet
    up bond0 { address ip  hwaddr mac }`,
  },
  {
    code: "BOND0103",
    slug: "duplicate-binding",
    severity: "error",
    summary: "a name is bound twice in the same scope",
    explanation: `A let binding, a parameter or a procedure may be bound once per scope. Values in .bond
never change: a second let with the same name is not an update, and if it were allowed the first
value would silently stop being used, which is how a test address left in a file ends up on a
production node.

Keep one binding, or give the second value its own name. Two procedures with the same name (for
example one in the file and one in an imported library) are reported the same way.

For example, instead of

    let ip = discover boot.inet
    let ip = 192.168.1.105

write

    let ip = discover boot.inet`,
  },
  {
    code: "BOND0104",
    slug: "unknown-field",
    severity: "error",
    summary: "discover reads a field that interfaces do not have",
    explanation: `discover reads one field of an interface at boot time: hwaddr (a mac), inet (an ipv4),
netmask (a netmask) or broadcast (an ipv4). These are bondc's names, not any tool's: each toolset
reads them from what its own programs print. With net-tools, for example, ifconfig 1.x prints
"HWaddr", "inet addr:", "Bcast:" and "Mask:" and ifconfig 2.x prints "ether", "inet", "broadcast"
and "netmask"; the generated script parses both, so the field names never depend on which toolset,
or which version of it, the initrd carries.

The message suggests the field meant when the name is another tool's word (ifconfig's ether,
iproute2's brd) or close to a field.

For example, instead of

    let mac = discover boot.ether

write

    let mac = discover boot.hwaddr`,
  },
  {
    code: "BOND0105",
    slug: "unknown-setting",
    severity: "error",
    summary: "a setting or option that this statement does not take",
    explanation: `Each block takes a fixed set of settings. up takes address, netmask, broadcast and hwaddr,
and, for a bond, the bonding options (mode, miimon, updelay, downdelay, arp_interval, arp_ip_target,
arp_validate, primary, packets_per_slave, lacp_rate, ad_select, xmit_hash_policy, fail_over_mac,
use_carrier). load bonding takes the same options plus max_bonds. handoff nfs takes server and
path, and a block-device handoff takes none. target takes kernel, tools and boot.

A setting bondc does not know would otherwise have to be dropped or passed on blindly, and either
way the node would boot without it. Bonding options on an interface that is not a bond are reported
too: the driver only reads them for bonds. The message suggests the nearest known name, including
the .bond name for spellings from other tools (hwaddress, ether, bcast).

For example, instead of

    up bond0 { address 192.168.1.105  hwaddress 00:90:27:E0:30:51 }

write

    up bond0 { address 192.168.1.105  hwaddr 00:90:27:E0:30:51 }`,
  },
  {
    code: "BOND0106",
    slug: "wrong-argument-count",
    severity: "error",
    summary: "a procedure is called with the wrong number of arguments",
    explanation: `A call passes exactly one argument per parameter, in the order the procedure declares
them; there are no defaults. bondc expands procedures inline, so a missing argument would leave a
step of the boot sequence without the interface or value it acts on.

The message names the missing parameters and shows the declaration as a secondary location. The
standard library's procedures are listed in stdlib/*.bond with their parameters.

For example, instead of

    failover_pair(eth0, eth1)

write

    failover_pair(eth0, eth1, bond0)`,
  },
  {
    code: "BOND0107",
    slug: "recursive-procedure",
    severity: "error",
    summary: "a procedure calls itself",
    explanation: `Procedures are expanded inline into one straight-line boot sequence: there are no loops
or conditions in a script that bondc writes, because every step must be checkable before the node
boots. A procedure that calls itself, directly or through other procedures, would expand forever.

Retrying a failed bonding is the failure policy's job: on failure fallback brings the boot NIC back
with its original address, so the node still reaches its NFS root. Remove the recursive call and
write the steps once.

For example, instead of

    proc bond_nics(boot: interface, spare: interface) {
      ...
      bond_nics(boot, spare)
    }

write

    proc bond_nics(boot: interface, spare: interface) {
      ...
    }
    on failure fallback`,
  },
  {
    code: "BOND0108",
    slug: "unknown-import",
    severity: "error",
    summary: "an import names a library that cannot be found",
    explanation: `import "std/NAME" loads stdlib/NAME.bond, shipped with bondc; import "./NAME.bond" loads
a file relative to the importing one. The file could not be read, so none of its procedures exist,
and calls to them are not reported separately: fixing the import fixes them too.

The message suggests the nearest standard library, or lists them all (std/bonding, std/profiles).
An empty path, import "", names no library at all and is reported the same way.

For example, instead of

    import "std/profile"

write

    import "std/profiles"`,
  },
  {
    code: "BOND0109",
    slug: "unknown-failure-policy",
    severity: "error",
    summary: "`on failure` names a policy that does not exist",
    explanation: `The failure policy says what the script does when one of its steps fails: fallback (undo the
bonding and boot unbonded through the boot NIC), shell (say what failed and start a console shell) or
halt (say what failed and stop). Anything else would leave the node without a plan when a step fails,
and a node with no plan hangs at the rack with nothing on its console.

The message suggests the nearest policy.

For example, instead of

    on failure reboot

write

    on failure fallback`,
  },
  {
    code: "BOND0110",
    slug: "duplicate-setting",
    severity: "error",
    summary: "a setting is given twice, or with two different values",
    explanation: `A setting may appear once in a block, and the failure policy once in a file. A bonding
option given both as a load parameter and in the bond's up block must have the same value in both.

With net-tools, bonding options can only be module parameters, shared by all bonds (insmod
bonding mode=1 miimon=100): kernels of the 2.2 and 2.4 era have no sysfs to change them afterwards.
bondc then merges the load parameters and the up block into one insmod line, and two different
values cannot both be on it. A toolset that sets options per bond (in sysfs, or with ip link) would
write one after the other, and only one of them would reach the bond. Either way the file promises
something the node does not get: keep one.

For example, instead of

    load bonding mode=active-backup miimon=100
    up bond0 { address 192.168.1.105  mode balance-rr }

write

    load bonding mode=active-backup miimon=100
    up bond0 { address 192.168.1.105 }`,
  },
  {
    code: "BOND0111",
    slug: "misplaced-declaration",
    severity: "error",
    summary: "a declaration that is only allowed at the top level",
    explanation: `Some things describe the whole script and may only be written once, at the top level of
the node's file: the target block and the failure policy (on failure). An imported library may
only declare procedures and import other libraries; a statement in a library would run in every
node that imports it, wherever the import happens to be.

Move the failure policy out of the procedure, merge two target blocks into one, and wrap library
steps in a procedure that the node's file calls.

For example, instead of

    proc bond_nics(boot: interface, spare: interface) {
      ...
      on failure fallback
    }

write

    proc bond_nics(boot: interface, spare: interface) {
      ...
    }
    on failure fallback`,
  },
  {
    code: "BOND0112",
    slug: "fallback-without-boot-interface",
    severity: "error",
    summary: "on failure fallback, but the boot interface is not known",
    explanation: `on failure fallback undoes a failed bonding by bringing back the NIC the boot firmware
configured, with the address it had, so the node still reaches its NFS root unbonded. For that
bondc must know which NIC it is: the target block names it (boot eth0), or the file discovers an
interface's inet address, which only the booted NIC has.

When neither is the case, the fallback would have nothing to restore. Name the boot NIC, or choose
another policy: shell (drop to a shell on the console) or halt.

For example, instead of

    target linuxrc { kernel "2.6.32"  tools net-tools }

write

    target linuxrc { kernel "2.6.32"  tools net-tools  boot eth0 }`,
  },
  {
    code: "BOND0113",
    slug: "unknown-target",
    severity: "error",
    summary: "the target block names a target bondc does not have",
    explanation: `The word after \`target\` says what bondc generates and how the node hands its root over. The
targets are: {targets}.

A file with an unknown target cannot be compiled: bondc would not know which program the kernel runs
from the initrd, or how the root is handed over. The message suggests the nearest target.

For example, instead of

    target linuxcr { kernel "2.6.32"  tools net-tools }

write

    target linuxrc { kernel "2.6.32"  tools net-tools }`,
  },
  {
    code: "BOND0114",
    slug: "unknown-toolset",
    severity: "error",
    summary: "`tools` names a toolset bondc does not have",
    explanation: `The toolset decides which programs the generated script calls to configure interfaces, load
modules and enslave NICs, and so what the initrd must contain. The toolsets are: {toolsets}.

A script for a toolset bondc does not know could call programs the initrd lacks, and the node would
stop at its first step. The message suggests the nearest toolset.

For example, instead of

    target linuxrc { kernel "2.6.32"  tools nettools }

write

    target linuxrc { kernel "2.6.32"  tools net-tools }`,
  },
  {
    code: "BOND0115",
    slug: "unknown-mount",
    severity: "error",
    summary: "`mount` names a file system this target cannot mount",
    explanation: `A \`mount\` statement mounts what the root handoff needs. Each target mounts only what its handoff
uses; the message names what the file's target mounts. What each target mounts: {mounts}.

Other mounts have no place in the node's early boot: whatever they would hold is on the NFS root,
which the kernel (or the target's own script) mounts after the bonding is done.

For example, instead of

    mount sys

write

    mount proc`,
  },
  {
    code: "BOND0116",
    slug: "unknown-device-number",
    severity: "error",
    summary: "a root block device whose device number bondc cannot compute",
    explanation: `With linuxrc, a block-device handoff tells the kernel the root device by its number
(major * 256 + minor), which bondc computes from the device's name. It knows the classic names: IDE
disks (/dev/hda1 ...), SCSI and SATA disks (/dev/sda1 ...), RAM disks (/dev/ram0 ...) and software
RAID (/dev/md0 ...).

For any other device, write its numbers yourself as "MAJOR:MINOR" (ls -l /dev/DEVICE on a running
node shows them); each must be at most 255, since that handoff writes the old 16-bit device number.
Guessing would hand the kernel a root that does not exist, and it would panic.

For example, instead of

    handoff "/dev/xvda1"

write

    handoff "202:1"`,
  },
  {
    code: "BOND0117",
    slug: "unknown-type",
    severity: "error",
    summary: "a parameter or binding names a type that does not exist",
    explanation: `Procedure parameters and annotated bindings name one of the value types of .bond: {types}.
The type is what lets bondc check every call: an address can never reach a place that takes a MAC,
and a mode is checked against the driver's list before the node boots.

A misspelled type would make every call of the procedure impossible to check, so bondc stops here
and suggests the nearest type.

For example, instead of

    proc pair(a: interfce, b: interface) { enslave a, b to bond0 }

write

    proc pair(a: interface, b: interface) { enslave a, b to bond0 }`,
  },
  {
    code: "BOND0118",
    slug: "unknown-root-device",
    severity: "error",
    summary: "the handoff names a root device that is neither nfs nor a block device",
    explanation: `The handoff says where the node's root file system is: \`nfs\` for a root on the NFS server, or a
block device written in quotes, "/dev/sda1" or "MAJOR:MINOR". A bare word other than nfs is
usually a device written without its quotes or a misspelling of nfs.

Without a root it understands, bondc cannot tell the kernel where to find the node's file system,
and a node handed the wrong root panics at boot.

For example, instead of

    handoff sda1

write

    handoff "/dev/sda1"`,
  },
  {
    code: "BOND0119",
    slug: "unknown-bonding-mode",
    severity: "error",
    summary: "a bonding mode the kernel does not have",
    explanation: `The bonding driver has seven modes, by name or by number: {modes}.

The kernel rejects an unknown mode when the module is loaded or the option is written, and the bond
is never created: the node would fall back, halt or hang, depending on its failure policy. The
message suggests the nearest mode.

For example, instead of

    load bonding mode=active-backpu miimon=100

write

    load bonding mode=active-backup miimon=100`,
  },
  {
    code: "BOND0120",
    slug: "import-outside-root",
    severity: "error",
    summary: "an import that leaves the project root",
    explanation: `Imports load files inside the project root (the directory of the file given to bondc, the
directory given with --root, or the directory of bondc.json) and the standard library (std/NAME).
An import of an absolute path, one that climbs out with .., or one that reaches a symbolic link
pointing outside is refused, and the file is never read.

bondc lint runs in CI on pull requests: a .bond file must not make it read, and quote in its report,
files outside the checkout. Move the library into the project, or import it from the standard
library.

For example, instead of

    import "../../../../etc/x"

write

    import "std/profiles"`,
  },
  {
    code: "BOND0121",
    slug: "invalid-kernel-version",
    severity: "error",
    summary: "`kernel` names something that is not a kernel version",
    explanation: `The target's \`kernel\` is the version of the kernel the node boots, as \`uname -r\` prints it:
two or three numbers separated by dots ("2.6.32", "6.1"), optionally followed by whatever the
distribution adds ("6.1.0-56-cloud-amd64"). bondc reads the leading numbers and ignores the rest.

The version decides which rules apply: whether the target's handoff still exists in that kernel
(BOND0122), whether the toolset's programs find the interfaces they use (BOND0511), and whether each
bonding option and mode is known to that kernel's driver (BOND0510). A version bondc cannot read
would silently turn all of these off, so it is an error. Leave \`kernel\` out altogether to check
against no particular kernel.

For example, instead of

    target initramfs { kernel "banana"  tools busybox }

write

    target initramfs { kernel "6.1"  tools busybox }`,
  },
  {
    code: "BOND0122",
    slug: "target-not-in-kernel",
    severity: "error",
    summary: "the target's way of booting does not exist in the target's kernel",
    explanation: `Each target relies on a mechanism of the kernel's early boot, and the kernel has that mechanism
only in some versions. \`target linuxrc\` needs the kernel to run /linuxrc from an image initrd and
to read /proc/sys/kernel/real-root-dev when it exits: Linux 7.0 removed both ("initrd: remove
deprecated code path (linuxrc)" and "init: remove /proc/sys/kernel/real-root-dev", merged for
7.0-rc1). \`target initramfs\` needs the kernel to run /init from an initramfs, which it does since
2.6.0. The targets, with the kernels each runs on: {targets}.

On a kernel without the mechanism the generated program never runs: the node boots the kernel's
own default root, or panics, and no bond is ever made. The message says what the kernel lacks and
which target to use instead.

For example, instead of

    target linuxrc { kernel "7.0"  tools net-tools }

write

    target initramfs { kernel "7.0"  tools busybox }`,
  },
  {
    code: "BOND0130",
    slug: "inventory-unreadable",
    severity: "error",
    summary: "an inventory file that cannot be read",
    explanation: `\`inventory "FILE"\` names the CSV file that lists the cluster's nodes, relative to the .bond
file that declares it. Like an import, it must lie inside the project root (the file's directory,
--root DIR, or the directory of bondc.json), and it must exist: bondc never reads, or quotes in a
report, a file outside the project because a .bond file names it.

Without the inventory bondc cannot check the nodes' names, MACs and addresses, nor write each
node's boot entry. Name the file as it lies beside the .bond file, or move it into the project.

For example, instead of

    inventory "/etc/cluster/nodes.csv"

write

    inventory "nodes.csv"  # beside cluster.bond, kept in git with it`,
  },
  {
    code: "BOND0131",
    slug: "inventory-malformed",
    severity: "error",
    summary: "an inventory row or header that does not follow the schema",
    explanation: `An inventory is a CSV file (docs/cluster.md): a header row naming the columns \`name\`,
\`address\` and \`macs\` (and optionally \`role\`), in any order, then one row per node with a
cell for every column. \`macs\` lists the node's NICs separated by spaces; \`role\` is \`client\`
(the default) or \`server\`, and a cluster has at most one server. Blank lines and lines starting
with # are skipped.

A row with a missing or extra cell, an unknown column or role, or a second server would leave
bondc guessing which value is which; the row is reported and left out of the other checks. Fix
the row, or the header, so that every row has exactly the header's cells.

For example, instead of

    name,address,macs
    node2,10.0.2.15

write

    name,address,macs
    node2,10.0.2.15,52:54:00:12:34:11 52:54:00:12:34:12`,
  },
  {
    code: "BOND0132",
    slug: "wait-outside-server",
    severity: "error",
    summary: "`wait clients` in a program that is not the cluster's server",
    explanation: `Only the cluster's server waits for its clients: it carries the address every client mounts
its root from, so it must not move that address onto its bond while a client is still booting
through its boot NIC. A client (a linuxrc or an initramfs) has nobody to wait for; its server is
already up when it boots.

Move the wait into the server's program, whose target is \`server\`.

For example, instead of

    target initramfs { tools busybox  boot eth0 }
    wait clients

write

    target server { tools busybox  boot eth0 }
    wait clients { deadline 600 }`,
  },
  {
    code: "BOND0133",
    slug: "unknown-wait-word",
    severity: "error",
    summary: "a word `wait` does not know",
    explanation: `A server waits for \`clients\`, the nodes of the inventory whose role is client, and at its
deadline, with clients still missing, does what \`then\` says: \`fail\` (the default: stop without
bonding) or \`bond\` (bond anyway, and say so in the log). Any other word leaves bondc guessing
what the script should do. Write one of these words.

For example, instead of

    wait nodes { then continue }

write

    wait clients { then bond }`,
  },
  {
    code: "BOND0134",
    slug: "wait-without-clients",
    severity: "error",
    summary: "the server waits for clients, but no inventory lists any",
    explanation: `The server learns its clients from the cluster's inventory (docs/cluster.md): the nodes
whose role is client, each asked on its address. A server program that imports no inventory, or
an inventory with no client, would wait for nobody and bond at once, which is exactly what the wait
is there to prevent.

Import the cluster's inventory in the server's program, and list the clients in it.

For example, instead of

    target server { tools busybox  boot eth0 }
    wait clients

write

    import "inventory.bond"
    target server { tools busybox  boot eth0 }
    wait clients`,
  },
  {
    code: "BOND0135",
    slug: "node-without-inventory",
    severity: "error",
    summary: "`discover node.…` in a program that has no inventory",
    explanation: `\`discover node.address\` reads this node's own row of the cluster's inventory: one image
boots every client, and its script finds the node's row at boot by the name its boot entry gives it
(\`bondc.node=NAME\` on the kernel command line; docs/cluster.md). Without an inventory there are
no rows to find, and every node would stop at boot.

Import the file that declares the cluster's inventory.

For example, instead of

    target initramfs { tools busybox  boot eth0 }
    let address = discover node.address

write

    import "inventory.bond"
    target initramfs { tools busybox  boot eth0 }
    let address = discover node.address`,
  },
  {
    code: "BOND0136",
    slug: "unknown-node-field",
    severity: "error",
    summary: "`discover node` reads a field the inventory's nodes do not have",
    explanation: `\`discover node.FIELD\` reads one value of this node's own row of the inventory at boot.
The fields are the inventory's per-node values a program can use: \`address\` (an IPv4 address,
the one the node's bond carries). The node's name needs no field: the script prints it when it
has found the node's row. MACs stay with the boot loader, which finds the node's entry by its boot
NIC's MAC; read a NIC's own MAC with \`discover eth0.hwaddr\`.

For example, instead of

    let address = discover node.ip

write

    let address = discover node.address`,
  },
  {
    code: "BOND0137",
    slug: "server-reads-node",
    severity: "error",
    summary: "the server's program reads `discover node.…`",
    explanation: `\`discover node.…\` is for the clients' one image: the node is not known until it boots, so
its script finds its own row at boot. The server is one node with a script of its own, whose
address every client mounts its root from; the inventory gives it, and the checker holds the
server's bond to it (BOND0425). Write the server's address as a literal.

For example, instead of

    target server { tools busybox  boot eth0 }
    let address = discover node.address

write

    target server { tools busybox  boot eth0 }
    up bond0 { address 10.0.2.2  netmask /24 }`,
  },
  {
    code: "BOND0138",
    slug: "node-without-clients",
    severity: "error",
    summary: "`discover node.…` with an inventory that lists no client",
    explanation: `A client program's script finds its node's row among the inventory's clients at boot, by the
name on the kernel command line (\`bondc.node=NAME\`; docs/cluster.md). An inventory without a
client (every row the server, or none at all) leaves the script's table empty: every node that
boots the image stops at the lookup, and \`bondc build\` has no client to write an entry for.

List the clients in the inventory, with role client (the default when the role is left empty).

For example, instead of

    name,address,macs,role
    node1,10.0.2.2,52:54:00:12:34:01,server

write

    name,address,macs,role
    node1,10.0.2.2,52:54:00:12:34:01,server
    node2,10.0.2.15,52:54:00:12:34:11,client`,
  },
  // 02xx: literals
  {
    code: "BOND0201",
    slug: "invalid-ipv4",
    severity: "error",
    summary: "an IPv4 address that is not four octets from 0 to 255",
    explanation: `IPv4 literals are four decimal octets, each from 0 to 255, without leading zeros.

Leading zeros are refused because tools may read them as octal: the C library's inet_aton, which
ifconfig (net-tools) uses, reads 192.168.001.010 as 192.168.1.8, a different node's address.
Addresses with fewer octets (192.168.1) are refused for the same reason: inet_aton fills them in in
ways nobody expects. When the only problem is zero padding, the message offers the unpadded address. An
address written with its prefix length, as ip addr prints it (10.0.2.15/24), is refused too: the
prefix is the netmask, written as its own setting (netmask /24).

For example, instead of

    up bond0 { address 192.168.001.105 }

write

    up bond0 { address 192.168.1.105 }`,
  },
  {
    code: "BOND0202",
    slug: "malformed-mac",
    severity: "error",
    summary: "a MAC address that is not six hex octets",
    explanation: `MAC addresses are six two-digit hexadecimal octets separated by colons, as interface
tools print them: 00:90:27:E0:30:51. A shorter or longer MAC is almost always a copy-and-paste slip;
dashes between the octets (52-54-00-12-34-56, as Windows writes them) are refused with the colon
form to write instead, and a letter beyond f with the octet it spoils.

The MAC is set at boot by the toolset's program (with net-tools, ifconfig bond0 hw ether, which
cannot set such an address), so the mistake would only show on the node, in the middle of moving its
identity to the bond. The easiest way to get it right is not to type it at all: let mac = discover
boot.hwaddr reads the boot NIC's MAC at boot.

For example, instead of

    up bond0 { address 192.168.1.105  hwaddr 00:90:27:E0:30 }

write

    up bond0 { address 192.168.1.105  hwaddr 00:90:27:E0:30:51 }`,
  },
  {
    code: "BOND0203",
    slug: "non-unicast-mac",
    severity: "error",
    summary: "a multicast, broadcast or all-zero MAC address",
    explanation: `An interface's own MAC must be a unicast address: the lowest bit of the first octet must
be 0 (01:00:5E:... is multicast, FF:FF:FF:FF:FF:FF is broadcast), and it must not be all zeros,
the usual placeholder in a template.

The kernel refuses such an address for a bond (EADDRNOTAVAIL, "Cannot assign requested address"),
so bond0 would keep the wrong MAC and the DHCP and NFS servers would not recognise the node. Use
the boot NIC's MAC, or a locally administered one (second-lowest bit of the first octet set, such
as 02:00:00:00:00:01).

For example, instead of

    up bond0 { address 192.168.1.105  hwaddr 00:00:00:00:00:00 }

write

    up bond0 { address 192.168.1.105  hwaddr 00:90:27:E0:30:51 }`,
  },
  {
    code: "BOND0204",
    slug: "non-contiguous-netmask",
    severity: "error",
    summary: "a netmask whose one bits are not contiguous",
    explanation: `A netmask is a run of one bits followed by zero bits: 255.255.255.0 (/24), 255.255.254.0
(/23). A mask such as 0.255.255.255 is usually a Cisco wildcard mask copied from a switch or ACL
configuration, which is the inverse of a netmask.

The kernel refuses a non-contiguous netmask. With net-tools, ifconfig reports "SIOCSIFNETMASK:
Invalid argument" and the bond keeps the default mask of its address's class, /8 for a 10.x.x.x
address, so it believes every 10.x host is on its wire. Write the mask you meant, or a /prefix; the
message suggests the mask with as many one bits.

For example, instead of

    up bond0 { address 192.168.1.105  netmask 0.255.255.255 }

write

    up bond0 { address 192.168.1.105  netmask 255.255.255.0 }`,
  },
  {
    code: "BOND0205",
    slug: "prefix-out-of-range",
    severity: "error",
    summary: "a /prefix outside 0 to 32",
    explanation: `A netmask written as a prefix length counts the one bits of an IPv4 netmask, so it is a
number from 0 to 32: /24 is 255.255.255.0, /23 is 255.255.254.0. Larger numbers are usually an IPv6
habit (/64). An IPv4 netmask has 32 bits, so no toolset can be given more than 32 one bits (with
net-tools, bondc turns the prefix into the dotted netmask that ifconfig needs).

For example, instead of

    up bond0 { address 192.168.1.105  netmask /64 }

write

    up bond0 { address 192.168.1.105  netmask /24 }`,
  },
  {
    code: "BOND0210",
    slug: "invalid-interface-name",
    severity: "error",
    summary: "an interface name the kernel refuses",
    explanation: `Linux interface names are at most 15 bytes (IFNAMSIZ is 16 and counts the terminating
NUL), not empty, not . or .., and without /, :, % or whitespace: the rules of dev_valid_name() in
net/core/dev.c. bondc checks every interface name where it is declared, NICs and bonds alike.

A longer name does not exist on any node, so ifconfig and ifenslave would fail on it at boot, in
the middle of moving the node's address to the bond. The message names the rule the name breaks and
where it comes from; docs/domains.md lists every rule.

For example, instead of

    iface eth0, averyveryverylongname0

write

    iface eth0, eth1`,
  },
  {
    code: "BOND0211",
    slug: "invalid-module-name",
    severity: "error",
    summary: "a module name insmod cannot load",
    explanation: `Kernel module names are made of letters, digits, _ and - (kbuild names a module after its
object file, with - read as _), and are at most 55 bytes (MODULE_NAME_LEN). A name with other
characters, such as + or a dot, is no module: insmod would look for a file of that name or fail.

bondc passes the name to insmod as written, so a name no module can have would only fail on the
node, at boot. Write the module's name as modinfo or lsmod shows it.

For example, instead of

    load e1000+e

write

    load e1000e`,
  },
  {
    code: "BOND0212",
    slug: "invalid-module-parameter",
    severity: "error",
    summary: "a module parameter the kernel would not receive as written",
    explanation: `insmod joins its NAME=VALUE arguments into one string with spaces, and the kernel splits it
again at whitespace and removes double quotes (next_arg() in kernel/params.c, which has no escape
for a quote). So a value with whitespace, a double quote or a control character would arrive cut in
two or changed, and a parameter name must be a C identifier (letters, digits, _ and -).

The module would then get a different value than the one written, or refuse to load because of an
unknown parameter. Pass values without whitespace; a module that takes a list takes it with commas.

For example, instead of

    load e1000 InterruptThrottleRate="3000 3000"

write

    load e1000 InterruptThrottleRate="3000,3000"`,
  },
  {
    code: "BOND0213",
    slug: "invalid-nfs-path",
    severity: "error",
    summary: "an NFS root path the kernel would read differently",
    explanation: `The kernel reads the NFS root as server:path,options (fs/nfs/nfsroot.c and
Documentation/admin-guide/nfs/nfsroot.rst): a comma in the path starts the mount options, whitespace
or a double quote splits or changes the kernel command line, a path that does not start with / is
mounted under /tftpboot/, and a % other than one %s is read as a printf conversion. The script
writes the path with echo, whose backslash escapes would change it too.

Any of these makes the node mount the wrong directory or nothing, and it stops at boot without its
root. The message names the rule and its source; rename the export on the server if it needs one of
these characters.

For example, instead of

    handoff nfs { server 192.168.1.1  path "/srv/a,b c" }

write

    handoff nfs { server 192.168.1.1  path "/srv/nfsroot/node5" }`,
  },
  {
    code: "BOND0214",
    slug: "invalid-nfs-server",
    severity: "error",
    summary: "an NFS server address that cannot be a server",
    explanation: `The NFS server is one other host: the kernel reads 0.0.0.0 as "no server given" (and asks
DHCP/BOOTP instead) and 255.255.255.255 as "no address" (net/ipv4/ipconfig.c and
fs/nfs/nfsroot.c), a multicast address is no host, and a loopback address is the node itself, which
has no root yet.

With such an address the node never reaches its root and stops at boot. Write the address of the
server that exports the node's root.

For example, instead of

    handoff nfs { server 0.0.0.0  path "/srv/nfsroot/node5" }

write

    handoff nfs { server 192.168.1.1  path "/srv/nfsroot/node5" }`,
  },
  {
    code: "BOND0215",
    slug: "invalid-nfs-options",
    severity: "error",
    summary: "NFS mount options the kernel or mount would read differently",
    explanation: `The options of handoff nfs go after the path, as in nfsroot=server:path,options: an
initramfs passes them to busybox's mount -o, which hands them to the kernel's NFS client, and a
linuxrc or a boot entry appends them to the path for the kernel's nfsroot code. Both read a
comma-separated list of key or key=value items (fs/nfs/fs_context.c, fs/nfs/nfsroot.c). Whitespace
or a double quote splits or changes the kernel command line, an empty item or a key with other
characters is no option, a % is read as a printf conversion (the kernel formats the whole string
with the node's name), a backslash is an escape for the echo that writes nfs-root-name, and addr=
is added by bondc from the handoff's server, so a second one would contradict it.

Any of these makes the node mount with other options than written, or not at all. The message
names the rule and its source.

For example, instead of

    handoff nfs { server 10.0.2.2  path "/srv/nfsroot"  options "nfsvers=3, addr=10.0.2.9" }

write

    handoff nfs { server 10.0.2.2  path "/srv/nfsroot"  options "nfsvers=3,proto=tcp,nolock" }`,
  },
  {
    code: "BOND0216",
    slug: "nfs-root-breaks-boot-entry",
    severity: "error",
    summary: "the NFS root cannot be written into a boot-loader entry as it is",
    explanation: `bondc build writes boot-loader entries for the node (PXELINUX, iPXE, GRUB 2 and
BpBatch), and each entry's kernel command line carries nfsroot=server:path,options: the legacy
kernel mounts the root from it, and every unbonded fallback entry boots that way. A path or an
option that is fine on the node can still break an entry: iPXE expands \${...} and reads && and
|| as operators, GRUB reads $ { } ; | & < > and quotes as its own syntax, BpBatch ends a string at a
double quote, and the kernel takes at most 255 bytes in one token on the oldest kernels bondc
targets. The rule of each format is in docs/domains.md with its source.

Such an entry would boot the node with another root or stop in the boot loader. Rename the export
(or shorten it) so that the whole token is plain text.

For example, instead of

    handoff nfs { server 192.168.1.1  path "/srv/\${node}" }

write

    handoff nfs { server 192.168.1.1  path "/srv/nfsroot/node5" }`,
  },
  {
    code: "BOND0217",
    slug: "invalid-vlan-id",
    severity: "error",
    summary: "a VLAN interface whose id 802.1Q or the kernel's naming does not allow",
    explanation: `A VLAN interface is written as the kernel names it: the parent, a dot and the VLAN id, as in
bond0.100. The id is the 12-bit tag of 802.1Q, so it is from 1 to 4094 (0 carries only a priority
and 4095 is reserved), and it is written in decimal without leading zeros, because the kernel's
8021q names the interface with the id printed that way: \`bond0.0100\` would never exist.

A tag the switch port does not carry leaves the node without its root, and a name the kernel never
gives leaves every later step failing on an interface that does not exist. docs/domains.md lists
the rules.

For example, instead of

    up bond0.4095 { address 10.0.2.15  netmask /24 }

write

    up bond0.100 { address 10.0.2.15  netmask /24 }`,
  },
  {
    code: "BOND0220",
    slug: "invalid-node-name",
    severity: "error",
    summary: "a node name that cannot be a host name",
    explanation: `A node's name in the inventory reaches the node on its boot entry's kernel command line
(bondc.node=NAME), names the entry's files, and is what the server reports when that node has not
booted. It must be a host name label: letters, digits and hyphens, not starting or ending with a
hyphen, at most 63 bytes (RFC 952, RFC 1123 section 2.1, RFC 1035 section 2.3.4).

A space would split the kernel command line word, a slash would make a file name a directory, and
a name a DNS server or /etc/hosts cannot hold is a name nobody can look up. docs/domains.md lists
each rule with its source.

For example, instead of

    node 2,10.0.2.15,52:54:00:12:34:11

write

    node2,10.0.2.15,52:54:00:12:34:11`,
  },
  // 03xx: boot ordering
  {
    code: "BOND0301",
    slug: "bond-before-module",
    severity: "error",
    summary: "a bond is configured before the bonding module is loaded",
    explanation: `bond0 only exists once the bonding module is loaded: loading it creates bond0 (and
bond1 and up when max_bonds asks for more). Before that, the kernel has no such device, so every
step that configures the bond or enslaves to it fails (with net-tools, ifconfig bond0 says
"SIOCSIFADDR: No such device" and ifenslave cannot find the master), and the node is left without
its network.

Load the module before the first step that touches the bond. The quick fix moves the load line.

For example, instead of

    up bond0 { address 192.168.1.105 }
    load bonding mode=active-backup miimon=100

write

    load bonding mode=active-backup miimon=100
    up bond0 { address 192.168.1.105 }`,
  },
  {
    code: "BOND0302",
    slug: "enslave-before-bond-up",
    severity: "error",
    summary: "interfaces are enslaved with ifenslave to a bond that is not up",
    explanation: `Whether a bond must be up before it takes slaves is a rule of the program that enslaves, not of
the kernel. ifenslave, which the net-tools toolset calls, refuses a master that is not up
("Illegal operation; the specified master interface 'bond0' is not up.": ifenslave.c since
version 1.0.0 of May 2003, through its last release, 1.1.0, in the kernel's
Documentation/networking/ifenslave.c). The enslave fails, and with the NICs already down the
node has no network at all.

Only toolsets whose enslaving program refuses it report this. The sysfs write of the busybox
toolset, and ip link set ... master, put a slave into a bond that is down; the bond then brings
its slaves up when it comes up. With net-tools, bring the bond up first. The quick fix moves the
up block before the enslave.

For example, instead of

    down eth0, eth1
    enslave eth0, eth1 to bond0
    up bond0 { address 192.168.1.105 }

write

    up bond0 { address 192.168.1.105 }
    down eth0, eth1
    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0303",
    slug: "enslave-while-up",
    severity: "error",
    summary: "an interface is enslaved while it is up, or without being taken down",
    explanation: `The kernel refuses to enslave an interface that is up: it answers EPERM ("Device can not be
enslaved while up"; older kernels log "this may be due to an out of date ifenslave"). Under
linuxrc the boot NIC is up: the kernel's ip= configured it before /linuxrc runs, as the boot
firmware did, and it still carries that address; so is a NIC the file brought up itself. Every
toolset reports those.

A NIC nothing configured before the script is another matter: its state is unknown to bondc.
That is every NIC but the boot NIC, and under initramfs the boot NIC too: what the firmware set up
does not survive the NIC driver's reset, and nothing (no ip=) configures it again before /init.
The kernel leaves such a NIC down, but nothing in the file says so, so bondc states it as an
assumption and asks for a down only where the enslaving program needs one. ifenslave (net-tools)
takes a slave down itself before it enslaves it, so it needs none; the sysfs write of the busybox
toolset leaves the slave as it is and meets the kernel's refusal if anything brought the NIC up.

Take the NICs down just before enslaving them, after the bond is up with the node's address, so
the NFS root is unreachable only for a moment. The quick fix inserts the down line.

For example, instead of

    up bond0 { address 192.168.1.105 }
    enslave eth0, eth1 to bond0

write

    up bond0 { address 192.168.1.105 }
    down eth0, eth1
    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0304",
    slug: "discover-after-down",
    severity: "error",
    summary: "an interface's address is read after it went down or was enslaved",
    explanation: `discover is there to read what the boot firmware gave a NIC, and bondc can only vouch
for those values before the first step that changes the NIC. After that, what the toolset reads
depends on the kernel and the tools: the kernel usually gives an enslaved NIC the bond's MAC, with
net-tools old versions of ifenslave copy the master's address onto every slave, and a NIC that was
taken down has lost its routes.

Read every value first, while the firmware's configuration is intact. That is also the order the
rest of the boot needs: the bond must be up with the address before the NICs go down.

For example, instead of

    down eth0, eth1
    let ip = discover eth0.inet

write

    let ip = discover eth0.inet
    down eth0, eth1`,
  },
  {
    code: "BOND0305",
    slug: "handoff-before-proc",
    severity: "error",
    summary: "the root handoff writes to /proc before /proc is mounted",
    explanation: `With the linuxrc target, the handoff tells the kernel which root to mount by writing
0x00ff (NFS) or a device number to /proc/sys/kernel/real-root-dev. A linuxrc starts without /proc,
so until it is mounted that file does not exist and the write fails. When the linuxrc ends, the
kernel then mounts the root device it was booted with instead of the NFS root.

Mount /proc before the handoff. The quick fix inserts the mount line, or moves it when it comes
later.

${procMountIsTheProgramsOwn}

For example, instead of

    enslave eth0, eth1 to bond0
    handoff nfs

write

    enslave eth0, eth1 to bond0
    mount proc
    handoff nfs`,
  },
  {
    code: "BOND0306",
    slug: "no-route-to-root",
    severity: "error",
    summary: "at the handoff nothing carries the node's address",
    explanation: `The NFS root is mounted over whatever interface carries the node's address: by an initramfs
/init at its handoff, or, with linuxrc, by the kernel once the script has ended (so there it is the
script's last state that counts, not the state at the real-root-dev write). If the boot NIC was taken
down or enslaved and no bond with at least one slave has taken over, nothing can reach the server:
the mount fails (with linuxrc, the console reports the NFS server as not responding and finally
"VFS: Unable to mount root fs via NFS"), and the node never boots.

The secondary locations show where each interface went down or was enslaved. Bring up a bond with
the node's address and enslave at least one NIC to it before the handoff.

For example, instead of

    down eth0, eth1
    mount proc
    handoff nfs

write

    down eth0, eth1
    enslave eth0, eth1 to bond0
    mount proc
    handoff nfs`,
  },
  {
    code: "BOND0307",
    slug: "change-after-handoff",
    severity: "error",
    summary: "a step comes after switch_root, so it never runs",
    explanation: `With the initramfs target the handoff is the last thing the script does: /init mounts the
NFS root and execs switch_root, which replaces /init with the root's own init, so a step after it
never runs, and the node boots without it.

Move the step before the handoff. Only discover may follow it, since reading a value changes
nothing. (With linuxrc the handoff is a write to real-root-dev that the kernel reads only once the
script has exited, so steps after it still run before the root is mounted and are not reported.)

For example, instead of

    handoff nfs
    load e1000

write

    load e1000
    ...
    handoff nfs`,
  },
  {
    code: "BOND0308",
    slug: "enslaved-twice",
    severity: "error",
    summary: "an interface is enslaved twice, or to two bonds",
    explanation: `A NIC can belong to one bond, once. With net-tools the second ifenslave for the same NIC
fails (the kernel answers that the device is already a slave), and a failed step sends the node
into its failure policy. Whatever the toolset, the file would promise a bond a slave it cannot
have.

Enslave each NIC in exactly one place; the secondary location shows the first.

For example, instead of

    enslave eth0 to bond0
    enslave eth0, eth1 to bond0

write

    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0309",
    slug: "invalid-slave",
    severity: "error",
    summary: "a bond, loopback or the bond itself is enslaved",
    explanation: `Only physical NICs can be slaves, and only a bond can be a master. Enslaving a bond to
itself or to another bond (stacking bonds), enslaving lo, or enslaving to something that is not a
bond all fail in the kernel, and the bond is left with fewer slaves than the file promises.

Enslave the NICs directly to one bond. Note the word order: ifenslave takes the master first
(ifenslave bond0 eth0 eth1), enslave takes the slaves first.

For example, instead of

    enslave eth0, eth1, bond1 to bond0

write

    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0310",
    slug: "undeclared-interface",
    severity: "error",
    summary: "an interface that was never declared",
    explanation: `NICs are declared with iface (iface eth0, eth1, or let boot = iface eth0), so that a typo
such as eht1 is caught at compile time instead of at the rack, where the script would only fail
halfway through the boot (with net-tools, ifconfig says "eht1: unknown interface"). Bonds (bond0,
bond1, ...) and lo need no declaration: loading the bonding module creates the bonds.

Fix the name (the message suggests the nearest declared NIC), or declare the NIC if it is real.

For example, instead of

    iface eth0, eth1
    enslave eth0, eht1 to bond0

write

    iface eth0, eth1
    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0311",
    slug: "module-loaded-twice",
    severity: "error",
    summary: "a module is loaded twice",
    explanation: `The kernel refuses to load a module that is already loaded. With net-tools, insmod then
fails ("File exists", or "a module named bonding already exists" with the modutils of 2.4 kernels)
and the failed step sends the node into its failure policy; modprobe instead succeeds without doing
anything. Loading the module again to add a parameter does not work either way: module parameters
are read once, when the module is loaded.

Load each module once, with all its parameters.

For example, instead of

    load bonding mode=active-backup
    load bonding miimon=100

write

    load bonding mode=active-backup miimon=100`,
  },
  {
    code: "BOND0312",
    slug: "no-handoff",
    severity: "warning",
    summary: "the script never hands off to a root device",
    explanation: `Without a handoff, a linuxrc ends without writing /proc/sys/kernel/real-root-dev, and
the kernel mounts the root device it was booted with instead of the NFS root: usually the initrd
itself or a disk the diskless node does not have, which ends in a kernel panic.

This is a warning rather than an error because, with linuxrc, a kernel whose command line already
says root=/dev/nfs needs no handoff. Otherwise end the script with mount proc and a handoff.

For example, instead of

    enslave eth0, eth1 to bond0

write

    enslave eth0, eth1 to bond0
    mount proc
    handoff nfs`,
  },
  {
    code: "BOND0313",
    slug: "configure-slave",
    severity: "error",
    summary: "an enslaved interface is configured or taken down",
    explanation: `Once a NIC is enslaved, the bond owns it: the bond carries the address and decides which
slave sends. Giving a slave its own address puts the node's address on two interfaces and
confuses ARP, and taking a slave down takes its link out of service, which in active-backup can
take the active link away from under the NFS root.

Configure the bond instead, and leave the slaves alone.

For example, instead of

    enslave eth0, eth1 to bond0
    up eth0 { address 192.168.1.105 }

write

    up bond0 { address 192.168.1.105 }
    down eth0, eth1
    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0314",
    slug: "proc-mounted-twice",
    severity: "error",
    summary: "/proc is mounted twice",
    explanation: `/proc only needs mounting once. A second mount either fails ("proc already mounted",
which the generated script treats as a failed step and answers with its failure policy) or stacks
a second proc on top of the first, depending on the mount binary; neither is wanted.

Mount /proc once, anywhere before the handoff.

For example, instead of

    mount proc
    load bonding mode=active-backup miimon=100
    ...
    mount proc
    handoff nfs

write

    load bonding mode=active-backup miimon=100
    ...
    mount proc
    handoff nfs`,
  },
  {
    code: "BOND0315",
    slug: "bond-without-address",
    severity: "error",
    summary: "a bond is brought up without an address",
    explanation: `A bond does not inherit an address from its slaves: it carries exactly the address it is
given. In an NFS-root node the bond replaces the boot NIC as the carrier of the node's address, so
a bond brought up without one leaves the node unable to reach its NFS server once the NICs are
enslaved.

Give the bond the boot NIC's address and netmask, read at boot or written out.

For example, instead of

    up bond0 { hwaddr mac }

write

    let ip = discover boot.inet
    let mask = discover boot.netmask
    up bond0 { address ip  netmask mask  hwaddr mac }`,
  },
  // 04xx: address consistency
  {
    code: "BOND0316",
    slug: "nfs-root-unnamed",
    severity: "error",
    summary: "an initramfs hands off to NFS without naming the server and the path",
    explanation: `A linuxrc only tells the kernel that the root is on NFS; the kernel then finds the server and
the path on its own command line (nfsroot=). An initramfs /init mounts the root itself, so it must
know both: the server's address and the directory the server exports.

Without them the mount cannot be written, and a node whose /init cannot mount its root has no
init to run: the kernel panics.

For example, instead of

    handoff nfs

write

    handoff nfs { server 10.0.2.2  path "/srv/nfsroot/node5"  options "nfsvers=3,proto=tcp,nolock" }`,
  },
  {
    code: "BOND0320",
    slug: "vlan-before-slave",
    severity: "error",
    summary: "a VLAN is created on a bond that has no slave yet",
    explanation: `A VLAN interface takes its MAC address from its parent when it is created, and keeps it. A bond
without slaves has no MAC of its own yet: it takes its first slave's (or the \`hwaddr\` it is given)
only when that slave is enslaved. A VLAN created on a bond before then copies the address the bond
had at that moment, so its frames can leave with a MAC that is not the node's, and the switch, the
DHCP and the NFS server see a stranger (Documentation/networking/bonding.rst, "VLAN Challenges":
add the VLAN devices only after the first slave). Newer kernels copy the parent's address again
when the VLAN comes up, but the order that works on every kernel costs nothing.

Enslave at least one NIC into the bond before the first step that uses the VLAN.

For example, instead of

    up bond0.100 { address 10.0.2.15  netmask /24 }
    enslave eth0, eth1 to bond0

write

    enslave eth0, eth1 to bond0
    up bond0.100 { address 10.0.2.15  netmask /24 }`,
  },
  {
    code: "BOND0321",
    slug: "vlan-without-8021q",
    severity: "error",
    summary: "a VLAN is created before the 8021q module is loaded",
    explanation: `VLAN interfaces are the 8021q module's. vconfig talks to it through an ioctl that exists only
once the module is loaded, and although \`ip link add … type vlan\` can make the kernel load it, that
needs the module and a modprobe the kernel can run in the image: on a node whose initramfs lacks
them the step fails with a message that does not say why. bondc asks for the module to be loaded
explicitly, before the first VLAN, so a missing module fails at the step that names it.

For example, instead of

    load bonding
    up bond0.100 { address 10.0.2.15  netmask /24 }

write

    load bonding
    load 8021q
    up bond0.100 { address 10.0.2.15  netmask /24 }`,
  },
  {
    code: "BOND0330",
    slug: "server-handoff",
    severity: "error",
    summary: "a server program hands a root over",
    explanation: `The server target generates a script for a running system: the server booted from its own
disk long before and serves the clients' NFS roots. There is no initrd for it to leave and no root
to hand over; a handoff there would write to /proc/sys/kernel or switch_root under the running
system.

Remove the handoff; the script ends once the server's NICs are bonded.

For example, instead of

    enslave eth0, eth1 to bond0
    handoff nfs

write

    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0331",
    slug: "server-address-dropped",
    severity: "error",
    summary: "the server drops the NIC its clients' roots use before its bond has the address",
    explanation: `Every client mounts its root from the server's address (the inventory's server row). Before
the server bonds, that address lives on its boot NIC. Taking that NIC down, or dropping its
address, before a bond is up with the same address cuts every client off from its root: their NFS
requests go unanswered and the clients hang until the address is back.

Bring the bond up with the server's address first, then take the NIC down and enslave it. A VLAN
on the bond (\`bond0.100\`) carries the address as well as the bond itself: a VLAN needs a slave
under its bond first, so enslave the other NIC, bring the VLAN up with the address, then take the
boot NIC down.

For example, instead of

    down eth0, eth1
    up bond0 { address 10.0.2.2  netmask /24  hwaddr mac }

write

    up bond0 { address 10.0.2.2  netmask /24  hwaddr mac }
    down eth0, eth1`,
  },
  {
    code: "BOND0332",
    slug: "bond-before-clients",
    severity: "error",
    summary: "the server bonds before waiting for its clients",
    explanation: `While the server moves its address from its boot NIC to the bond, the address is briefly
nowhere, and a client that is booting at that moment (loading its kernel over TFTP, mounting its
root) loses its server half way and hangs. The seed runs the server's script only "when all of
them are booted"; a server program says so with \`wait clients\` before its first bonding step.

The wait ends when every client answers on its address, or at its deadline. Bonding with clients
still missing is an explicit choice: \`then bond\`, which the script logs with the missing nodes'
names.

For example, instead of

    load bonding
    up bond0 { address 10.0.2.2  netmask /24 }

write

    wait clients { deadline 600 }
    load bonding
    up bond0 { address 10.0.2.2  netmask /24 }`,
  },
  {
    code: "BOND0333",
    slug: "node-before-proc",
    severity: "error",
    summary: "`discover node.…` before /proc is mounted",
    explanation: `The script finds this node's row of the inventory by the name on the kernel command line
(\`bondc.node=NAME\`), which it reads from /proc/cmdline. A linuxrc starts with nothing mounted and
mounts /proc itself; before \`mount proc\` there is no /proc/cmdline, and the lookup would fail
on every node. (An initramfs /init mounts /proc before its first step.)

${procMountIsTheProgramsOwn}

For example, instead of

    let address = discover node.address
    mount proc

write

    mount proc
    let address = discover node.address`,
  },
  {
    code: "BOND0401",
    slug: "broadcast-mismatch",
    severity: "error",
    summary: "the broadcast address does not match the address and netmask",
    explanation: `The broadcast address of a subnet is the address with every host bit set. A broadcast
that does not match the address and netmask is usually left over from before the netmask changed,
and it sends broadcasts (ARP announcements, DHCP, portmap lookups) to an address the rest of the
subnet does not listen on.

Write the right one (the message computes it and the quick fix applies it), or leave broadcast out:
with net-tools, the bond then gets the one that follows from the address and netmask.

For example, instead of

    up bond0 { address 192.168.2.105  netmask /23  broadcast 192.168.2.255 }

write

    up bond0 { address 192.168.2.105  netmask /23  broadcast 192.168.3.255 }`,
  },
  {
    code: "BOND0402",
    slug: "reserved-host-address",
    severity: "error",
    summary: "the address is the subnet's network or broadcast address",
    explanation: `In a subnet, the address with all host bits zero names the network and the one with all
host bits one is the broadcast address; neither can belong to a host. A node configured with one
of them is unreachable: the other hosts treat its address as the network or as a broadcast, never
as a host. This usually happens when a subnet is split and an address that used to be a host's is
now a boundary.

Use an address inside the subnet; the message gives the range.

For example, instead of

    up bond0 { address 192.168.1.128  netmask 255.255.255.128 }

write

    up bond0 { address 192.168.1.130  netmask 255.255.255.128 }`,
  },
  {
    code: "BOND0403",
    slug: "bond-mac-not-boot-nic",
    severity: "warning",
    summary: "the bond's MAC is not the boot NIC's",
    explanation: `The DHCP/BOOTP and NFS servers know a diskless node by the MAC its firmware booted with.
When the bond takes another MAC, read from another NIC or, without hwaddr, copied from its first
slave, ARP caches and MAC-bound leases point at nothing, and the NFS root can stall until they
expire.

Set hwaddr to the boot NIC's MAC, or enslave the boot NIC first. It is a warning because a site
whose servers know both MACs may choose either.

For example, instead of

    let mac = discover spare.hwaddr

write

    let mac = discover boot.hwaddr`,
  },
  {
    code: "BOND0420",
    slug: "duplicate-node-name",
    severity: "error",
    summary: "two inventory rows with the same node name",
    explanation: `Each node of the inventory has a name of its own: it selects the node's boot entry and
is what the server reports while it waits for the node. Names are compared as host names are,
without regard to case.

With two rows of one name, one node's boot entry overwrites the other's, and the server's report
cannot say which of them is missing. Rename one of the rows.

For example, instead of

    node2,10.0.2.15,52:54:00:12:34:11
    node2,10.0.2.16,52:54:00:12:34:21

write

    node2,10.0.2.15,52:54:00:12:34:11
    node3,10.0.2.16,52:54:00:12:34:21`,
  },
  {
    code: "BOND0421",
    slug: "duplicate-mac",
    severity: "error",
    summary: "a MAC address listed twice in the inventory",
    explanation: `Every NIC has its own MAC address, and the cluster's boot loaders find each node's entry
by the MAC of the NIC it boots from (pxelinux.cfg/01-MAC). A bond takes its boot NIC's MAC, so
two nodes with one MAC answer ARP for each other's addresses too.

A MAC listed twice is a typing or copying mistake in the inventory: one of the two nodes would
boot the other's entry, with the other's address, and the cluster would have two hosts claiming
one address. Correct the MAC from the NIC's label or from \`ip link\` on the node.

For example, instead of

    node2,10.0.2.15,52:54:00:12:34:11 52:54:00:12:34:12
    node3,10.0.2.16,52:54:00:12:34:11 52:54:00:12:34:22

write

    node2,10.0.2.15,52:54:00:12:34:11 52:54:00:12:34:12
    node3,10.0.2.16,52:54:00:12:34:21 52:54:00:12:34:22`,
  },
  {
    code: "BOND0422",
    slug: "duplicate-address",
    severity: "error",
    summary: "two inventory nodes with the same address",
    explanation: `Each node's bond carries the node's own address: it is what the node mounts its root from
and what the server waits for. Two nodes with one address fight over it in every switch's and
host's ARP cache, and NFS traffic for one reaches the other.

The node that boots second takes the address from the first, whose NFS root then stops answering
and hangs. Give each node an address of its own.

For example, instead of

    node2,10.0.2.15,52:54:00:12:34:11
    node3,10.0.2.15,52:54:00:12:34:21

write

    node2,10.0.2.15,52:54:00:12:34:11
    node3,10.0.2.16,52:54:00:12:34:21`,
  },
  {
    code: "BOND0423",
    slug: "address-outside-subnet",
    severity: "error",
    summary: "an inventory address outside the cluster's network",
    explanation: `\`inventory "FILE" { network N  netmask M }\` names the cluster's network: the server and
every client sit on it, since the clients reach their NFS root on the server directly, without a
router, at boot. The network address itself and the network's broadcast address are not host
addresses either.

A node whose address lies outside that network gets a bond on another network: it cannot reach
the server, and never mounts its root. Give the node an address inside the network, or correct the
network and netmask.

For example, with

    inventory "nodes.csv" { network 10.0.2.0  netmask /24 }

instead of

    node2,10.0.3.15,52:54:00:12:34:11

write

    node2,10.0.2.15,52:54:00:12:34:11`,
  },
  {
    code: "BOND0424",
    slug: "server-address-reused",
    severity: "error",
    summary: "a client given the server's address",
    explanation: `The row whose role is \`server\` holds the server's own address: the clients mount their
NFS roots from it and the server's bond takes it over when it bonds. A client with that address
takes it away from the server the moment it brings its bond up.

Every other client then loses its root: their NFS mounts go to the client that stole the address,
which has no export. Give the client an address of its own.

For example, instead of

    node1,10.0.2.2,52:54:00:12:34:01,server
    node2,10.0.2.2,52:54:00:12:34:11,client

write

    node1,10.0.2.2,52:54:00:12:34:01,server
    node2,10.0.2.15,52:54:00:12:34:11,client`,
  },
  // 05xx: kernel bonding rules
  {
    code: "BOND0425",
    slug: "server-address-mismatch",
    severity: "error",
    summary: "the server's bond is given an address other than the inventory's server address",
    explanation: `Every client mounts its root from the address the inventory gives the server. When the
server bonds, its bond takes that address over from the boot NIC, so the clients' NFS mounts go on
as if nothing happened. A bond brought up with any other address leaves the clients' server
address on nothing at all once the boot NIC is enslaved: every client loses its root.

Give the bond the server's address from the inventory (or correct the inventory).

For example, with node1,10.0.2.2,…,server in the inventory, instead of

    up bond0 { address 10.0.2.3  netmask /24 }

write

    up bond0 { address 10.0.2.2  netmask /24 }`,
  },
  {
    code: "BOND0501",
    slug: "option-outside-mode",
    severity: "error",
    summary: "a bonding option that the chosen mode does not use",
    explanation: `Some bonding options only exist in some modes (drivers/net/bonding/bond_options.c):
primary in active-backup, balance-tlb and balance-alb; packets_per_slave in balance-rr; lacp_rate
and ad_select in 802.3ad; xmit_hash_policy in balance-xor, 802.3ad and balance-tlb; fail_over_mac in
active-backup; arp_interval and arp_validate not in 802.3ad, balance-tlb or balance-alb. Without a
mode the bond is balance-rr, the kernel's default.

Depending on the kernel such an option is refused when it is set (at module load, with net-tools) or
silently ignored, and either way it does not do what the file says. It is usually left over from a
change of mode: remove it, or change the mode.

For example, instead of

    up bond0 { mode active-backup  miimon 100  lacp_rate fast }

write

    up bond0 { mode active-backup  miimon 100 }`,
  },
  {
    code: "BOND0502",
    slug: "miimon-and-arp",
    severity: "error",
    summary: "miimon and arp_interval are both set",
    explanation: `The bonding driver runs one link monitor: MII (miimon), which watches each NIC's carrier,
or ARP (arp_interval with arp_ip_target), which probes addresses through each slave. With both set,
the kernel keeps one and disables the other with a warning in the log, so the file promises a kind
of monitoring the node does not have.

Pick one: miimon detects a pulled cable, ARP also detects a dead switch uplink.

For example, instead of

    up bond0 { miimon 100  arp_interval 1000  arp_ip_target 192.168.1.1 }

write

    up bond0 { arp_interval 1000  arp_ip_target 192.168.1.1 }`,
  },
  {
    code: "BOND0503",
    slug: "delay-without-miimon",
    severity: "error",
    summary: "updelay or downdelay without miimon",
    explanation: `updelay and downdelay say how long the MII monitor waits before it enables a slave whose
link came back, or disables one whose link went away. They are counted in MII monitor ticks, so
without miimon, for example with ARP monitoring, they do nothing, and a switch port that needs
time to come up gets none.

Set miimon, or remove the delays.

For example, instead of

    up bond0 { arp_interval 1000  arp_ip_target 192.168.1.1  updelay 2000 }

write

    up bond0 { arp_interval 1000  arp_ip_target 192.168.1.1 }`,
  },
  {
    code: "BOND0504",
    slug: "delay-not-multiple",
    severity: "warning",
    summary: "updelay or downdelay is not a multiple of miimon",
    explanation: `The kernel counts updelay and downdelay in MII monitor ticks and rounds them down to a
multiple of miimon ("updelay is not a multiple of miimon, rounded to ..." in the log), so the delay
you wrote is not the delay you get. An updelay that ends up shorter than a switch port's spanning
tree delay makes the bond use a link before it forwards.

Write a multiple of miimon; the message gives the two nearest.

For example, instead of

    up bond0 { miimon 100  updelay 250 }

write

    up bond0 { miimon 100  updelay 300 }`,
  },
  {
    code: "BOND0505",
    slug: "arp-without-target",
    severity: "error",
    summary: "arp_interval without arp_ip_target",
    explanation: `ARP monitoring decides whether a slave works by probing addresses through it, so it needs
at least one target. Without arp_ip_target the kernel turns ARP monitoring off again (and says so
in the log), and the bond runs with no link monitoring at all: it will never fail over.

Add a target that is always up on the node's subnet: the NFS server or the gateway.

For example, instead of

    up bond0 { mode active-backup  arp_interval 1000 }

write

    up bond0 { mode active-backup  arp_interval 1000  arp_ip_target 192.168.1.1 }`,
  },
  {
    code: "BOND0506",
    slug: "primary-not-slave",
    severity: "error",
    summary: "primary names an interface that is not a slave of the bond",
    explanation: `primary names the slave the bond prefers whenever its link is up. It must be one of the
bond's slaves; otherwise the kernel accepts the name and simply never finds it, and the bond picks
its active slave by itself, which may be the slow NIC.

Name an enslaved interface, or enslave the one you meant.

For example, instead of

    up bond0 { mode active-backup  miimon 100  primary eth2 }
    enslave eth0, eth1 to bond0

write

    up bond0 { mode active-backup  miimon 100  primary eth2 }
    enslave eth0, eth1, eth2 to bond0`,
  },
  {
    code: "BOND0507",
    slug: "no-link-monitoring",
    severity: "warning",
    summary: "the bond has no link monitoring and will never fail over",
    explanation: `In balance-rr and active-backup (balance-rr is the default), the driver only notices a
dead link through miimon or ARP monitoring. Without either, a pulled cable or a dead switch port
keeps receiving its share of the traffic, and in active-backup the bond never switches to the spare:
the NFS root stalls, which is the failure bonding was meant to survive.

Set miimon 100 unless there is a reason not to. Reproducing a legacy setup exactly is such a
reason: suppress the warning with # bondc:allow BOND0507 on the line before the statement.

For example, instead of

    load bonding mode=active-backup

write

    load bonding mode=active-backup miimon=100`,
  },
  {
    code: "BOND0508",
    slug: "invalid-option-value",
    severity: "error",
    summary: "a bonding option value the kernel does not accept",
    explanation: `Each bonding option has a range: lacp_rate is slow or fast; arp_validate none, active,
backup, all, filter, filter_active or filter_backup; fail_over_mac none, active or follow;
xmit_hash_policy layer2, layer3+4, layer2+3, encap2+3 or encap3+4; ad_select stable, bandwidth or
count. Like the kernel, bondc also takes a word's number in that order (lacp_rate 1 is fast).
Numeric options are non-negative numbers, and only arp_ip_target takes a list.

The kernel refuses a value the driver cannot parse. With net-tools, where options are module
parameters, insmod fails and the bonding module, and with it bond0, never appears; where options are
written per bond, in sysfs, the write fails and the bond keeps its previous value. The message
suggests the nearest valid value.

For example, instead of

    up bond0 { mode 802.3ad  miimon 100  xmit_hash_policy layer3-4 }

write

    up bond0 { mode 802.3ad  miimon 100  xmit_hash_policy layer3+4 }`,
  },
  // 06xx: directives
  {
    code: "BOND0509",
    slug: "shared-module-parameters",
    severity: "error",
    summary: "two bonds need different options, and the toolset sets them for all bonds",
    explanation: `Some toolsets can give the bonding driver its options only as module parameters: with net-tools
they are the arguments of insmod bonding, and the driver applies module parameters to every bond it
creates. Two bonds written with different modes, or different miimon values, would both silently
run with one of them, and the node would fail over (or not) in a way nobody wrote.

bondc refuses to merge them. Give every bond the same options, or use a toolset that sets options
per bond through sysfs, such as busybox. The toolsets are: {toolsets}.

For example, instead of

    target linuxrc { kernel "2.6.32"  tools net-tools }
    up bond0 { address 10.0.0.5  mode active-backup  miimon 100 }
    up bond1 { address 10.1.0.5  mode 802.3ad  miimon 100 }

write

    target initramfs { kernel "6.1"  tools busybox }
    up bond0 { address 10.0.0.5  mode active-backup  miimon 100 }
    up bond1 { address 10.1.0.5  mode 802.3ad  miimon 100 }`,
  },
  {
    code: "BOND0510",
    slug: "option-newer-than-kernel",
    severity: "error",
    summary: "a bonding option, value or mode that the target's kernel does not have yet",
    explanation: `The bonding driver grew its options over twenty years: the first drivers knew only round robin,
miimon and active-backup came in 2000, 802.3ad in 2003, xmit_hash_policy in 2.6.13, ad_select in
2.6.29, packets_per_slave and the encap hash policies in 3.13. bondc keeps each option's, value's
and mode's first kernel, with its source in the kernel's own history (the driver's changelog and
Documentation/networking/bonding.rst), and compares it with the target's \`kernel\`.

An older driver refuses what it does not know: insmod fails on an unknown parameter, so the bonding
module and bond0 never appear, and a sysfs write of an unknown file or value fails, so the bond
keeps the driver's default. Either way the node does not get the bond that was written. Remove the
option, or, if the node really boots a newer kernel, say so in \`kernel\`.

For example, instead of

    target linuxrc { kernel "2.6.32"  tools net-tools }
    load bonding mode=balance-rr miimon=100 packets_per_slave=4

write

    target linuxrc { kernel "2.6.32"  tools net-tools }
    load bonding mode=balance-rr miimon=100`,
  },
  {
    code: "BOND0511",
    slug: "toolset-newer-than-kernel",
    severity: "error",
    summary: "the toolset uses a kernel interface that the target's kernel does not have yet",
    explanation: `A toolset's programs reach the bonding driver through an interface of the kernel, and each
interface has a first kernel. busybox writes bonding options and slaves to the driver's sysfs files
under /sys/class/net/<bond>/bonding/, which came with bonding 3.0.0 in Linux 2.6.16; iproute2 gives
them to \`ip link add … type bond\` as netlink attributes, which the driver reads from 3.14 on;
net-tools' ifenslave and insmod parameters work on every kernel with the driver. The toolsets are:
{toolsets}.

This is BOND0510's rule for the toolset as a whole rather than for one option: on an older kernel
the first write to a bonding file fails because the file does not exist, and the script stops before
the bond has a slave. Use a toolset whose programs the kernel supports, or name the kernel the node
really boots.

For example, instead of

    target linuxrc { kernel "2.4.37"  tools busybox }

write

    target linuxrc { kernel "2.4.37"  tools net-tools }`,
  },
  {
    code: "BOND0512",
    slug: "bond-option-read-after-creation",
    severity: "error",
    summary: "a bond's option is read from an interface after the toolset has created the bond",
    explanation: `Some toolsets create each bond with all its options in one command: iproute2 runs
\`ip link add bond0 type bond mode … miimon …\` right after \`modprobe bonding\`. An option whose
value is discovered at boot (an arp_ip_target read from a NIC's address, say) must then be read
before \`load bonding\`: read after it, the value does not exist yet when ip creates the bond, and ip
either refuses the empty argument or creates the bond without the option.

Move the \`discover\` above the load. Toolsets that write options when the bond comes up (busybox,
through sysfs) do not have this rule. The toolsets are: {toolsets}.

For example, instead of

    target initramfs { kernel "6.1"  tools iproute2 }
    load bonding
    let gw = discover eth0.broadcast
    up bond0 { address 10.0.2.15  arp_interval 100  arp_ip_target gw }

write

    target initramfs { kernel "6.1"  tools iproute2 }
    let gw = discover eth0.broadcast
    load bonding
    up bond0 { address 10.0.2.15  arp_interval 100  arp_ip_target gw }`,
  },
  {
    code: "BOND0514",
    slug: "bond-beyond-max-bonds",
    severity: "error",
    summary: "a bond is used that loading the bonding module did not create (max_bonds)",
    explanation: `Loading the bonding module creates bond0 to bond(max_bonds-1), and max_bonds defaults to 1:
a plain load bonding gives bond0 only. The module is loaded, so loading it again would not help
(a second insmod fails with "File exists"); bond1 and up exist only when the load asks for them.
Without max_bonds every step on bond1 fails with "No such device", and the node is left without
the bond it was written to have.

Load the module once with max_bonds covering every bond the file uses. The quick fix adds
max_bonds to the load line, or raises it.

For example, instead of

    load bonding mode=active-backup miimon=100
    up bond1 { address 10.1.0.5 }

write

    load bonding mode=active-backup miimon=100 max_bonds=2
    up bond1 { address 10.1.0.5 }`,
  },
  {
    code: "BOND0515",
    slug: "bond-option-too-late",
    severity: "error",
    summary: "a bond option is written through sysfs when the driver no longer takes it",
    explanation: `Toolsets that set each bond's options through sysfs (busybox) write them at the bond's up step,
and the bonding driver takes some options only from an idle bond (drivers/net/bonding/
bond_options.c): mode and fail_over_mac only while the bond has no slaves, mode, lacp_rate and
ad_select only while it is down. sysfs also puts slaves into a bond that is down, so a file may
enslave first and bring the bond up afterwards; but then the up step's mode is refused, the
sysfs write fails and the bond is left in the driver's default mode.

Give the bond its options in its first up, before anything is enslaved to it.

For example, instead of

    down eth0, eth1
    enslave eth0, eth1 to bond0
    up bond0 { mode active-backup  miimon 100  address 10.0.2.15 }

write

    up bond0 { mode active-backup  miimon 100  address 10.0.2.15 }
    down eth0, eth1
    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0601",
    slug: "unknown-directive-code",
    severity: "error",
    summary: "a directive names a code that does not exist",
    explanation: `# bondc:allow CODE suppresses the named warning on the next statement. A code that does
not exist is reported instead of ignored, so that a typo cannot leave a warning in place while the
file looks as if it had been dealt with. Codes are BOND followed by four digits; a # after the
codes starts a remark.

For example, instead of

    # bondc:allow BOND507

write

    # bondc:allow BOND0507  # the seed runs without link monitoring`,
  },
  {
    code: "BOND0602",
    slug: "suppressing-error",
    severity: "error",
    summary: "a directive tries to suppress an error",
    explanation: `Only warnings can be suppressed. An error means the generated script would fail on a real
node (the kernel refuses a step, or the node ends up without its root), so there is no situation in
which silencing it helps: the error is still reported, and so is the directive.

Fix the error instead; its explanation (bondc explain CODE) says how.

For example, instead of

    # bondc:allow BOND0303
    enslave eth0, eth1 to bond0

write

    down eth0, eth1
    enslave eth0, eth1 to bond0`,
  },
  {
    code: "BOND0603",
    slug: "unused-directive",
    severity: "warning",
    summary: "a directive suppresses nothing",
    explanation: `The statement after # bondc:allow CODE does not produce CODE, usually because the
problem was fixed and the directive stayed. A stale directive is not harmless: it would silently
hide the warning if the problem came back on that statement.

Remove the directive.

For example, instead of

    # bondc:allow BOND0507
    up bond0 { address 192.168.1.105  mode active-backup  miimon 100 }

write

    up bond0 { address 192.168.1.105  mode active-backup  miimon 100 }`,
  },
  // 09xx: compiler faults
  {
    code: "BOND0901",
    slug: "shellcheck-finding",
    severity: "error",
    summary: "shellcheck found a problem in the generated script (a bondc bug)",
    explanation: `bondc promises scripts that pass shellcheck -s sh without findings. When bondc lint runs
ShellCheck on the generated script and it finds something, the finding is mapped back to the .bond
line that produced the script line and reported with this code.

No .bond file should be able to cause this: it is a bug in bondc, not in your file. Please report
it with the .bond file and bondc's version. Until it is fixed, review the generated script before
booting a node with it.`,
  },
] as const satisfies readonly CatalogEntry[];

/**
 * Every code bondc can report, as a type: a call site that names a code the catalog lacks does
 * not compile, so no diagnostic can go out without its explanation.
 */
export type Code = (typeof entries)[number]["code"];

const byCode = new Map<string, CatalogEntry>(entries.map((e) => [e.code, e]));

export const catalog: readonly CatalogEntry[] = entries;

export function lookup(code: string): CatalogEntry | undefined {
  return byCode.get(code.toUpperCase());
}

/** The entry for a code the compiler itself emits; an unknown code here is a bondc bug. */
export function entry(code: Code): CatalogEntry {
  const found = byCode.get(code);
  if (!found) throw new Error(`bondc bug: diagnostic code ${code} is not in the catalog`);
  return found;
}

/**
 * Where a code is explained: docs/diagnostics.md under package.json's homepage when one is set,
 * else that file as a path from bondc's repository root (never a URL of a site that does not exist).
 */
export function docsLink(code: string, home: string | undefined = homepage): string {
  const path = `docs/diagnostics.md#${code.toLowerCase()}`;
  return home === undefined ? path : `${home.replace(/\/+$/, "")}/${path}`;
}

/** docsLink() when it is an absolute URL (a homepage is set), as SARIF's helpUri needs; else undefined. */
export function docsUrl(code: string, home: string | undefined = homepage): string | undefined {
  return home === undefined ? undefined : docsLink(code, home);
}
