import type { Severity } from "./diagnostic.js";

/**
 * The one catalog of every diagnostic bondc can report. Codes are stable forever and grouped by
 * range, like ShellCheck's: 00xx syntax, 01xx names and types, 02xx literals, 03xx boot ordering,
 * 04xx address consistency, 05xx kernel bonding rules, 06xx directives, 09xx compiler faults.
 * `bondc explain CODE`, docs/diagnostics.md, the LSP's code links and SARIF rules all read this.
 * Each code has a failing example in examples/mistakes/<code>-<slug>.bond and a passing twin in
 * test/diagnostics/twins/<code>.bond; test/diagnostics/catalog.test.ts keeps them honest.
 */
export interface CatalogEntry {
  readonly code: string;
  readonly slug: string;
  readonly severity: Severity;
  /** One line, the same for every occurrence. */
  readonly summary: string;
  /** The long form: why this is a problem on a real node and what to write instead. */
  readonly explanation: string;
}

const entries: readonly CatalogEntry[] = [
  // 00xx: syntax
  {
    code: "BOND0001",
    slug: "syntax-error",
    severity: "error",
    summary: "the parser expected something else here",
    explanation: `The text does not follow the .bond grammar (grammar/bond.ebnf). The parser recovers
and keeps reading, so later statements are still checked, but nothing is compiled until every
syntax error is fixed. The message names the token that was expected.`,
  },
  {
    code: "BOND0002",
    slug: "unknown-character",
    severity: "error",
    summary: "a character that cannot start any token",
    explanation: `Only letters, digits, the punctuation of the grammar ( { } ( ) , : = . / ), double-quoted
strings and # comments may appear in a .bond file. A stray character (often a shell-ism such as $,
; or a backquote copied from a hand-written linuxrc) cannot be read. Remove it: .bond statements need
no shell quoting, and variables are named without $.`,
  },
  {
    code: "BOND0003",
    slug: "unterminated-string",
    severity: "error",
    summary: "a string literal is not closed on its line",
    explanation: `Strings are written in double quotes and end on the line they start. Add the closing
quote.`,
  },
  // 01xx: names and types
  {
    code: "BOND0101",
    slug: "unknown-name",
    severity: "error",
    summary: "a name that is not bound in this scope",
    explanation: `Every name must be bound before it is used: with let, as a procedure parameter, or by an
import. Bindings are visible from the statement after them to the end of their block. When a name is
close to one that exists, the message suggests it.`,
  },
  {
    code: "BOND0102",
    slug: "type-mismatch",
    severity: "error",
    summary: "a value of the wrong type",
    explanation: `Each position has a type: an address setting wants an ipv4, hwaddr a mac, netmask a
netmask (255.255.255.0 or /24), enslave interfaces, load a module. Discovered values carry the type of
the field they were read from (hwaddr: mac, inet: ipv4, netmask: netmask, broadcast: ipv4), so a MAC
can never end up where an address belongs, as it does in the seed's general form when a sed pattern
misses.`,
  },
  {
    code: "BOND0103",
    slug: "duplicate-binding",
    severity: "error",
    summary: "a name is bound twice in the same scope",
    explanation: `A let binding, parameter or procedure name may be bound once per scope; .bond values never
change, so a second binding would make the first one unreachable. Pick another name.`,
  },
  {
    code: "BOND0104",
    slug: "unknown-field",
    severity: "error",
    summary: "discover reads a field that interfaces do not have",
    explanation: `discover reads one field of an interface at boot time: hwaddr (mac), inet (ipv4),
netmask (netmask) or broadcast (ipv4). The compiler generates the parsing for every ifconfig dialect,
so only these fields are available.`,
  },
  {
    code: "BOND0105",
    slug: "unknown-setting",
    severity: "error",
    summary: "a setting or option that this statement does not take",
    explanation: `up takes address, netmask, broadcast, hwaddr and the bonding options (mode, miimon,
updelay, downdelay, arp_interval, arp_ip_target, arp_validate, primary, lacp_rate, ad_select,
xmit_hash_policy, packets_per_slave, fail_over_mac, use_carrier); load takes the module's parameters;
handoff nfs takes server and path; target takes kernel, tools and boot. Check the spelling; the message
suggests the nearest known name.`,
  },
  {
    code: "BOND0106",
    slug: "wrong-argument-count",
    severity: "error",
    summary: "a procedure is called with the wrong number of arguments",
    explanation: `A call passes exactly one argument per parameter, in order. The declaration of the
procedure is shown as a secondary location.`,
  },
  {
    code: "BOND0107",
    slug: "recursive-procedure",
    severity: "error",
    summary: "a procedure calls itself",
    explanation: `Procedures are expanded inline into one straight-line boot sequence, so a procedure that
calls itself, directly or through others, would never end. Write the steps out instead.`,
  },
  {
    code: "BOND0108",
    slug: "unknown-import",
    severity: "error",
    summary: "an import names a library that cannot be found",
    explanation: `import "std/NAME" loads stdlib/NAME.bond shipped with bondc; import "./NAME.bond" loads a
file relative to the importing one. Check the path; the message lists the standard libraries.`,
  },
  {
    code: "BOND0109",
    slug: "unknown-value",
    severity: "error",
    summary: "a word that is not a valid value for this position",
    explanation: `Some positions take a word from a fixed set: bonding modes (balance-rr, active-backup,
balance-xor, broadcast, 802.3ad, balance-tlb, balance-alb, or 0-6), failure policies (fallback, shell,
halt), mount targets (proc), toolsets (net-tools) and the root device (nfs, or a /dev path in quotes).
The message suggests the nearest valid word.`,
  },
  {
    code: "BOND0110",
    slug: "duplicate-setting",
    severity: "error",
    summary: "a setting is given twice, or with two different values",
    explanation: `A setting may appear once in a block, and a bonding option given both as a load
parameter and in the bond's up block must agree: the kernel receives only one value. Keep one.`,
  },
  {
    code: "BOND0111",
    slug: "misplaced-declaration",
    severity: "error",
    summary: "a declaration that is only allowed at the top level",
    explanation: `target, import and proc may only appear at the top level of a file, not inside a
procedure body; the target block may appear once.`,
  },
  {
    code: "BOND0112",
    slug: "fallback-without-boot-interface",
    severity: "error",
    summary: "on failure fallback, but the boot interface is not known",
    explanation: `fallback restores the NIC the boot firmware configured, with its original address, so the
node can still reach its NFS root unbonded. bondc knows that NIC when the target names it (target
linuxrc { boot eth0 }) or when the file discovers an interface's inet address. Name it, or choose
another policy (shell, halt).`,
  },
  // 02xx: literals
  {
    code: "BOND0201",
    slug: "invalid-ipv4",
    severity: "error",
    summary: "an IPv4 address that is not four octets from 0 to 255",
    explanation: `IPv4 literals are written as four decimal octets, each from 0 to 255, without leading
zeros (010 would be read as octal by some tools).`,
  },
  {
    code: "BOND0202",
    slug: "malformed-mac",
    severity: "error",
    summary: "a MAC address that is not six hex octets",
    explanation: `MAC addresses are six two-digit hexadecimal octets separated by colons, as ifconfig
prints them: 00:90:27:E0:30:51.`,
  },
  {
    code: "BOND0203",
    slug: "non-unicast-mac",
    severity: "error",
    summary: "a multicast, broadcast or all-zero MAC address",
    explanation: `An interface's own address must be unicast: the lowest bit of the first octet must be 0
(01:00:5E:... is multicast, FF:FF:FF:FF:FF:FF is broadcast) and it must not be all zeros. The kernel
refuses such an address for bond0 (EADDRNOTAVAIL) and the node would never come up.`,
  },
  {
    code: "BOND0204",
    slug: "non-contiguous-netmask",
    severity: "error",
    summary: "a netmask whose one bits are not contiguous",
    explanation: `A netmask is a run of one bits followed by zero bits: 255.255.255.0 (/24), 255.255.254.0
(/23). 255.0.255.0 is not a netmask; ifconfig accepts it and routing then silently misbehaves. Write
the mask you meant, or a /prefix.`,
  },
  {
    code: "BOND0205",
    slug: "prefix-out-of-range",
    severity: "error",
    summary: "a /prefix outside 0 to 32",
    explanation: `An IPv4 prefix length is a number from 0 to 32.`,
  },
  // 03xx: boot ordering
  {
    code: "BOND0301",
    slug: "bond-before-module",
    severity: "error",
    summary: "a bond is configured before the bonding module is loaded",
    explanation: `bond0 only exists once the bonding module is loaded (insmod bonding creates it). Before
that, ifconfig bond0 fails with "SIOCSIFADDR: No such device" and the node is left without its
network. Load the module first: put load bonding before the first step that touches the bond.`,
  },
  {
    code: "BOND0302",
    slug: "enslave-before-bond-up",
    severity: "error",
    summary: "interfaces are enslaved to a bond that is not up",
    explanation: `ifenslave refuses a master that is not active, and the kernel's documented order is: bring
the bond up with its address, then add slaves. Bring the bond up first: up bond0 { address ... }.`,
  },
  {
    code: "BOND0303",
    slug: "enslave-while-up",
    severity: "error",
    summary: "an interface is enslaved while it may still be up",
    explanation: `A NIC must be down to be enslaved (current kernels answer EPERM, "Device can not be
enslaved while up"). The boot interface is up because the firmware configured it; others may be up
too. Take them down first: down eth0, eth1. Do it after the bond is up with the node's address, so
the NFS root is unreachable only for a moment.`,
  },
  {
    code: "BOND0304",
    slug: "discover-after-down",
    severity: "error",
    summary: "an interface's address is read after it went down or was enslaved",
    explanation: `Once an interface is taken down or enslaved, what ifconfig reports for it is no longer
what the boot firmware gave it: an enslaved NIC carries the bond's MAC and no address of its own.
Discover values before the first step that changes the interface.`,
  },
  {
    code: "BOND0305",
    slug: "handoff-before-proc",
    severity: "error",
    summary: "the root handoff writes to /proc before /proc is mounted",
    explanation: `The handoff writes /proc/sys/kernel/real-root-dev, which exists only once /proc is
mounted; linuxrc starts without it. Without the write the kernel mounts its default root instead of
NFS. Add mount proc before the handoff.`,
  },
  {
    code: "BOND0306",
    slug: "no-route-to-root",
    severity: "error",
    summary: "at the handoff nothing carries the node's address",
    explanation: `When linuxrc ends, the kernel mounts the NFS root over whatever interface carries the
node's address. If the boot interface was taken down or enslaved and no bond with slaves has taken
over its address, the node hangs at "VFS: Mounting root over NFS". Bring up a bond with the node's
address and enslave at least one NIC before the handoff.`,
  },
  {
    code: "BOND0307",
    slug: "change-after-handoff",
    severity: "error",
    summary: "a step comes after the root handoff",
    explanation: `The handoff is the last thing linuxrc does: once real-root-dev is written and the script
ends, the kernel mounts the root. Steps after it run on a node whose root may already depend on the
network they change. Move them before the handoff.`,
  },
  {
    code: "BOND0308",
    slug: "enslaved-twice",
    severity: "error",
    summary: "an interface is enslaved twice, or to two bonds",
    explanation: `A NIC can belong to one bond once; ifenslave fails the second time. Enslave each
interface in exactly one place.`,
  },
  {
    code: "BOND0309",
    slug: "invalid-slave",
    severity: "error",
    summary: "a bond, loopback or the bond itself is enslaved",
    explanation: `Only physical NICs can be bond slaves here: enslaving bond0 to itself, another bond, or lo
fails in the kernel. Enslave the NICs (eth0, eth1, ...).`,
  },
  {
    code: "BOND0310",
    slug: "undeclared-interface",
    severity: "error",
    summary: "an interface that was never declared",
    explanation: `NICs are declared with iface (iface eth0, eth1, or let boot = iface eth0) so that a typo
such as eht1 is caught at compile time instead of at the rack. Bonds (bond0, bond1, ...) are declared
by loading the bonding module.`,
  },
  {
    code: "BOND0311",
    slug: "module-loaded-twice",
    severity: "error",
    summary: "a module is loaded twice",
    explanation: `insmod fails with "File exists" when the module is already loaded. Load each module once,
with all its parameters.`,
  },
  {
    code: "BOND0312",
    slug: "no-handoff",
    severity: "warning",
    summary: "the script never hands off to a root device",
    explanation: `Without a handoff, linuxrc ends without writing real-root-dev and the kernel mounts the
root device it was booted with, not the NFS root. Add handoff nfs (or a block device) as the last
step.`,
  },
  {
    code: "BOND0313",
    slug: "configure-slave",
    severity: "error",
    summary: "an enslaved interface is configured or taken down",
    explanation: `After enslaving, the bond owns its slaves: giving a slave an address or taking it down
breaks the bond's link to it. Configure the bond instead.`,
  },
  {
    code: "BOND0314",
    slug: "proc-mounted-twice",
    severity: "error",
    summary: "/proc is mounted twice",
    explanation: `mount fails when /proc is already mounted. Mount it once, before the handoff.`,
  },
  {
    code: "BOND0315",
    slug: "bond-without-address",
    severity: "error",
    summary: "a bond is brought up without an address",
    explanation: `The bond replaces the boot interface as the carrier of the node's address; brought up
without one it cannot reach the NFS server. Give it the boot interface's address: up bond0 { address
ip netmask mask }.`,
  },
  // 04xx: address consistency
  {
    code: "BOND0401",
    slug: "broadcast-mismatch",
    severity: "error",
    summary: "the broadcast address does not match the address and netmask",
    explanation: `The broadcast address of a subnet is the address with every host bit set. A wrong
broadcast makes ARP and DHCP traffic go nowhere. Fix it, or leave broadcast out and ifconfig computes
it from address and netmask.`,
  },
  {
    code: "BOND0402",
    slug: "reserved-host-address",
    severity: "error",
    summary: "the address is the subnet's network or broadcast address",
    explanation: `With host bits all zero the address names the network, all one the broadcast; neither can
be a host's address. Use an address inside the subnet.`,
  },
  {
    code: "BOND0403",
    slug: "bond-mac-not-boot-nic",
    severity: "warning",
    summary: "the bond's MAC is not the boot NIC's",
    explanation: `The DHCP/BOOTP and NFS servers know the node by the MAC the firmware booted with. When the
bond takes another MAC (read from another NIC, or by default its first slave's), ARP caches and
MAC-bound leases point at nothing and the NFS root can stall. Set hwaddr to the boot NIC's MAC:
let mac = discover boot.hwaddr ... up bond0 { hwaddr mac }.`,
  },
  // 05xx: kernel bonding rules
  {
    code: "BOND0501",
    slug: "option-outside-mode",
    severity: "error",
    summary: "a bonding option that the chosen mode does not use",
    explanation: `Some options only exist in some modes (drivers/net/bonding/bond_options.c): primary and
active_slave in active-backup, balance-tlb and balance-alb; packets_per_slave in balance-rr; lacp_rate
and ad_select in 802.3ad; arp_interval and arp_validate not in 802.3ad, balance-tlb or balance-alb.
The kernel rejects them or ignores them. Remove the option or change the mode.`,
  },
  {
    code: "BOND0502",
    slug: "miimon-and-arp",
    severity: "error",
    summary: "miimon and arp_interval are both set",
    explanation: `The bonding driver uses one link monitor: MII (miimon) or ARP (arp_interval). With both,
the kernel disables one and warns. Pick one.`,
  },
  {
    code: "BOND0503",
    slug: "delay-without-miimon",
    severity: "error",
    summary: "updelay or downdelay without miimon",
    explanation: `updelay and downdelay are counted in MII monitor ticks; without miimon they have no
effect. Set miimon too.`,
  },
  {
    code: "BOND0504",
    slug: "delay-not-multiple",
    severity: "warning",
    summary: "updelay or downdelay is not a multiple of miimon",
    explanation: `The kernel rounds updelay and downdelay down to a multiple of miimon, so the value you
wrote is not the value you get. Use a multiple of miimon.`,
  },
  {
    code: "BOND0505",
    slug: "arp-without-target",
    severity: "error",
    summary: "arp_interval without arp_ip_target",
    explanation: `ARP monitoring needs at least one target to probe; without arp_ip_target the kernel
resets arp_interval to 0 and the bond has no link monitoring at all.`,
  },
  {
    code: "BOND0506",
    slug: "primary-not-slave",
    severity: "error",
    summary: "primary names an interface that is not a slave of the bond",
    explanation: `primary must be one of the bond's slaves; otherwise the kernel accepts it silently and
never uses it. Name an enslaved interface.`,
  },
  {
    code: "BOND0507",
    slug: "no-link-monitoring",
    severity: "warning",
    summary: "the bond has no link monitoring and will never fail over",
    explanation: `In balance-rr and active-backup, without miimon (or arp_interval) the driver never notices
a dead link: a pulled cable drops traffic instead of failing over. Set miimon 100 unless you really
want no failover. Suppress with # bondc:allow BOND0507 when reproducing a legacy setup.`,
  },
  {
    code: "BOND0508",
    slug: "invalid-option-value",
    severity: "error",
    summary: "a bonding option value the kernel does not accept",
    explanation: `Each bonding option has a range: lacp_rate is slow or fast, arp_validate none, active,
backup or all, fail_over_mac none, active or follow, xmit_hash_policy layer2, layer3+4, layer2+3,
encap2+3 or encap3+4, ad_select stable, bandwidth or count; numeric options are non-negative.`,
  },
  // 06xx: directives
  {
    code: "BOND0601",
    slug: "unknown-directive-code",
    severity: "error",
    summary: "a directive names a code that does not exist",
    explanation: `# bondc:allow CODE suppresses the named warning on the next statement. A code that does
not exist is reported rather than ignored, so a typo cannot silently keep a warning alive.`,
  },
  {
    code: "BOND0602",
    slug: "suppressing-error",
    severity: "error",
    summary: "a directive tries to suppress an error",
    explanation: `Only warnings can be suppressed: an error means the generated script would fail on a real
node. Fix the error instead.`,
  },
  {
    code: "BOND0603",
    slug: "unused-directive",
    severity: "warning",
    summary: "a directive suppresses nothing",
    explanation: `The statement after # bondc:allow CODE does not produce CODE, so the directive does
nothing. Remove it, so it cannot hide a future warning.`,
  },
  // 09xx: compiler faults
  {
    code: "BOND0901",
    slug: "shellcheck-finding",
    severity: "error",
    summary: "shellcheck found a problem in the generated script (a bondc bug)",
    explanation: `bondc promises scripts that pass shellcheck -s sh without findings; this one did not. The
finding is mapped back to the .bond line that produced the script line. Please report it with the
.bond file; meanwhile, review the generated script before booting with it.`,
  },
];

const byCode = new Map(entries.map((e) => [e.code, e]));

export const catalog: readonly CatalogEntry[] = entries;

export function lookup(code: string): CatalogEntry | undefined {
  return byCode.get(code.toUpperCase());
}

/** The entry for a code the compiler itself emits; an unknown code here is a bondc bug. */
export function entry(code: string): CatalogEntry {
  const found = byCode.get(code);
  if (!found) throw new Error(`bondc bug: diagnostic code ${code} is not in the catalog`);
  return found;
}

export const DOCS_URL = "https://github.com/bondc/bondc/blob/main/docs/diagnostics.md";

export function docsLink(code: string): string {
  return `${DOCS_URL}#${code.toLowerCase()}`;
}
