import { describe, expect, it } from "vitest";
import { scriptCommands } from "../support/shell-commands.js";

// The toolset test is only as good as this scanner: it must find commands wherever sh runs
// them and must not mistake anything else for one.
describe("scriptCommands", () => {
  const script = [
    "#!/bin/sh",
    "# awk in a comment is not run",
    "PATH=/sbin:/bin",
    "export PATH",
    "f() {",
    "  echo 'cut in quotes' >&2",
    "  while :; do",
    "    sleep 1",
    "  done",
    "}",
    'v="$(ifconfig eth0 | grep "inet addr")" || true',
    'if [ -n "${v#*x}" ]; then',
    "  insmod bonding mode=1 || f 'awk'",
    "fi",
    'case "${v}" in',
    "  *'a)'*) w=1 ;;",
    "  x | y) mount -t proc proc /proc; ifenslave bond0 eth0 ;;",
    "  *)",
    "    tr a b",
    "    ;;",
    "esac",
    'for i in sed awk; do cat "$i"; done',
    "echo 0x00ff > /proc/sys/kernel/real-root-dev && f",
  ].join("\n");

  it("finds every command (those in $(...) last), after || and &&, in if, while, for and case bodies", () => {
    const { commands } = scriptCommands(script);
    expect(commands.map((c) => c.name)).toEqual([
      "export",
      "echo",
      ":",
      "sleep",
      "true",
      "[",
      "insmod",
      "f",
      "mount",
      "ifenslave",
      "tr",
      "cat",
      "echo",
      "f",
      "ifconfig",
      "grep",
    ]);
  });

  it("reports the line each command is on", () => {
    const { commands } = scriptCommands(script);
    expect(commands.find((c) => c.name === "tr")?.line).toBe(19);
    expect(commands.find((c) => c.name === "grep")?.line).toBe(11);
  });

  it("collects the functions the script defines", () => {
    expect([...scriptCommands(script).functions]).toEqual(["f"]);
  });

  it("refuses shell it cannot read rather than missing commands in it", () => {
    expect(() => scriptCommands("cat <<EOF\nx\nEOF\n")).toThrow(/here-documents/);
    expect(() => scriptCommands("x=`uname`\n")).toThrow(/backquote/);
    expect(() => scriptCommands('echo "unclosed\n')).toThrow(/unterminated/);
  });
});
