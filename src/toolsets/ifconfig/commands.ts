import { cmd, word, type Command, type Word } from "../../sh/ast.js";
import type { StepWords, UpArgs } from "../toolset.js";

/*
 * ifconfig and route as net-tools and busybox spell them (busybox's applets take the same
 * arguments). Toolsets differ in how the programs are reached: net-tools by absolute path, as the
 * seed's scripts did, so that a busybox shell's own applets never stand in for them; busybox by
 * bare name, so that its shell runs its applets.
 */

export interface IfconfigPrograms {
  readonly ifconfig: string;
  readonly route: string;
}

export function ifconfigCommands(p: IfconfigPrograms) {
  return {
    // Before /proc is mounted ifconfig warns that it cannot read /proc/net/dev (net-tools 1.60
    // and busybox alike) yet prints every field discovery reads. A real failure still shows: the
    // capture's own check names the step.
    query: (iface: string): Command => ({ ...cmd(p.ifconfig, iface), redirect: { op: "2>", target: word("/dev/null") } }),
    up(iface: string, a: UpArgs): Command {
      const argv: Word[] = [word(p.ifconfig), word(iface)];
      if (a.address) argv.push(a.address);
      if (a.hwaddr) argv.push(word("hw"), word("ether"), a.hwaddr);
      if (a.netmask) argv.push(word("netmask"), a.netmask);
      if (a.broadcast) argv.push(word("broadcast"), a.broadcast);
      argv.push(word("up"));
      return { kind: "command", argv };
    },
    // `ifconfig eth0 0.0.0.0` is ifconfig's way to delete the address; without it the firmware's
    // address and route stay on a NIC after it is enslaved, and traffic can bypass the bond.
    down: (iface: string, clearAddress: boolean): Command => (clearAddress ? cmd(p.ifconfig, iface, "0.0.0.0", "down") : cmd(p.ifconfig, iface, "down")),
    route: (gateway: Word): Command => cmd(p.route, "add", "default", "gw", gateway),
  };
}

/** How the ifconfig and route steps are named when they fail, the same whichever toolset runs them. */
export const ifconfigFailures: Pick<StepWords, "query" | "read" | "up" | "down" | "route"> = {
  query: (iface) => `ifconfig ${iface}`,
  read: (field, iface) => `reading the ${field} of ${iface} from ifconfig`,
  up: (iface) => `ifconfig ${iface} up`,
  down: (iface) => `ifconfig ${iface} down`,
  route: (gateway) => `route add default gw ${gateway}`,
};
