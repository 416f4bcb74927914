import { describe, expect, it } from "vitest";
import { compile } from "../../src/api/compile.js";

/*
 * Names a user types are looked up in tables that are plain objects. A name every JavaScript
 * object answers to (constructor, toString, __proto__) must be as unknown as any other
 * misspelling: reported with its code, never accepted and then crashing code generation.
 */
describe("names that every JavaScript object has", () => {
  it.each(["constructor", "toString", "__proto__", "hasOwnProperty"])(
    "`discover eth0.%s` is an unknown field (BOND0104)",
    (field) => {
      const text = `target linuxrc { kernel "2.2.14"  tools net-tools }\niface eth0, eth1\nlet m = discover eth0.${field}\n`;
      const result = compile(text, "fields.bond");
      const errors = result.diagnostics.filter((d) => d.severity === "error");
      expect(errors.map((d) => [d.code, d.span.line, d.span.column])).toEqual([["BOND0104", 3, 23]]);
      expect(result.script).toBeUndefined();
    },
  );
});
