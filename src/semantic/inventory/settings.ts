import type { Span } from "../../diagnostics/span.js";
import type * as A from "../../syntax/ast.js";
import { evaluateConst, type EvalContext } from "../evaluate.js";
import { settingsFor } from "../settings.js";
import { uniqueSettings, unknownSetting } from "../statements.js";
import type { ConstValue } from "../types.js";

/** An `inventory "FILE" { … }` declaration as written, its settings typed; the file is read later. */
export interface InventorySpec {
  /** The .bond file that declares it: the CSV's path is relative to it. */
  readonly declaredIn: string;
  /** The file name as written, and where. */
  readonly file: string;
  readonly fileSpan: Span;
  /** The cluster's subnet: every node's address must lie in it. */
  readonly network?: ConstValue;
  readonly netmask?: ConstValue;
}

export function typeInventory(decl: A.InventoryDecl, declaredIn: string, ctx: EvalContext): InventorySpec {
  let out: InventorySpec = { declaredIn, file: decl.path.value, fileSpan: decl.path.span };
  for (const s of uniqueSettings(decl.settings ?? [], ctx)) {
    const value = s.values[0];
    if (!value) continue;
    if (s.name.name === "network" || s.name.name === "netmask") {
      const v = evaluateConst(value, s.name.name === "network" ? "ipv4" : "netmask", ctx);
      if (v) out = { ...out, [s.name.name]: v };
    } else {
      unknownSetting(
        s,
        settingsFor("inventory").map((t) => t.name),
        "an inventory",
        ctx,
      );
    }
  }
  return out;
}
