import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";
import { registry } from "../../src/registry/registry.js";
import { examples } from "../support/repo.js";
import { scriptCommands } from "../support/shell-commands.js";

/*
 * A generated script runs on a minimal initrd: only the toolset's programs, the target's own and
 * the shell itself can be relied on. These are the builtins dash and busybox ash both have, as POSIX lists them
 * (no `local`, which POSIX does not define).
 */
const builtins = new Set([
  ":", ".", "[", "alias", "bg", "break", "cd", "command", "continue", "echo", "eval", "exec", "exit", "export", "false", "fg", "getopts",
  "hash", "jobs", "kill", "printf", "pwd", "read", "readonly", "return", "set", "shift", "test", "times", "trap", "true", "type", "ulimit",
  "umask", "unalias", "unset", "wait",
]);

/** Text tools the seed's scripts leaned on and that a generated script must never need. */
const forbidden = ["awk", "gawk", "cut", "tr", "sed", "grep", "head", "tail", "expr", "bash", "perl", "ip", "cat"];

describe("generated scripts use only the toolset and the shell", () => {
  it.each(examples().map((e) => [e.name, e] as const))("%s", (_, e) => {
    const result = compile(e.text, e.path);
    expect(result.script).toBeDefined();
    const script = result.script!;
    const toolset = registry.toolsets.get(result.program.target.tools);
    expect(toolset, `unknown toolset ${result.program.target.tools}`).toBeDefined();
    const { commands, functions } = scriptCommands(script);
    const target = registry.targets.get(result.program.target.name)!;
    const allowed = new Set([...toolset!.tools, ...target.tools, ...builtins, ...functions]);
    const outside = commands.filter((c) => !allowed.has(c.name)).map((c) => `${c.name} (line ${c.line})`);
    expect(outside).toEqual([]);
    expect(commands.map((c) => c.name).filter((n) => forbidden.includes(n))).toEqual([]);
    // The header promises this list to whoever builds the initrd.
    expect(script).toContain(`# Toolset: ${toolset!.name} (${toolset!.tools.join(", ")}).`);
    if (target.tools.length > 0) expect(script).toContain(`# The ${target.name} target also runs: ${target.tools.join(", ")}.`);
    // Bash-isms ShellCheck's sh mode might not flag in every form.
    expect(script).not.toMatch(/\[\[|\bfunction\s|\blocal\s|\$'|<<<|==|\bsource\s|\$\{[A-Za-z_]+:[0-9]|\$\{!/);
  });
});
