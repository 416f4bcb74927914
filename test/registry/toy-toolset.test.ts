import { describe, expect, it } from "vitest";
import { check } from "../../src/api/check.js";
import { compile } from "../../src/api/compile.js";
import { makeRegistry, registry } from "../../src/registry/registry.js";
import { examples } from "../support/repo.js";
import { scriptCommands } from "../support/shell-commands.js";
import { toyTools } from "./toy-toolset/index.js";

/*
 * Adding a toolset is a folder (./toy-toolset/) and a registry entry (the makeRegistry call):
 * nothing in src/ names it, yet every example compiles with it and calls only its programs.
 */

const withToy = makeRegistry([...registry.targets.values()], [...registry.toolsets.values(), toyTools]);

describe("a toy toolset added through the registry alone", () => {
  it.each(examples().map((e) => [e.name, e] as const))("compiles %s calling only its programs", (_, e) => {
    const text = e.text.replace(/tools (net-tools|busybox|iproute2)/g, "tools toy-tools");
    expect(text).toContain("tools toy-tools");
    const result = compile(text, e.path, undefined, { registry: withToy });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.program.target.tools).toBe("toy-tools");
    const { commands, functions } = scriptCommands(result.script!);
    const programs = new Set(commands.map((c) => c.name).filter((n) => !functions.has(n)));
    expect([...programs].filter((p) => p.startsWith("toy-")).length).toBeGreaterThan(0);
    for (const tool of ["ifconfig", "ifenslave", "insmod"]) expect(programs.has(tool), tool).toBe(false);
    expect(result.script).toContain(`Toolset: toy-tools (${toyTools.tools.join(", ")})`);
  });

  it("is unknown to the default registry, which says which toolsets exist", () => {
    const result = check("target linuxrc { tools toy-tools }\n", "node.bond");
    const error = result.diagnostics.find((d) => d.code === "BOND0114");
    expect(error?.message).toBe("`toy-tools` is not a toolset");
    expect(error?.help).toBe("did you mean `net-tools`?");
  });
});
