import type * as A from "../../syntax/ast.js";
import { suggestName } from "../../syntax/literals.js";
import type { DiagnosticBag } from "../../diagnostics/report.js";
import type { Span } from "../../diagnostics/span.js";
import { nodeFieldTypes, type NodeField, type NodeValue, type Value } from "../types.js";

/*
 * `discover node.address`: this node's own row of the cluster's inventory. One image boots every
 * client, so the compiler knows every row but not which is the node's; the script finds it at
 * boot (docs/cluster.md, "One image for every client"). `node` is a word of its own here, not an
 * interface: the row is read from the inventory, never from a NIC.
 */

export const NODE = "node";

/** What evaluation knows of the cluster (semantic/evaluate.ts's EvalContext has it). */
export interface NodeContext {
  readonly bag: DiagnosticBag;
  /** Whether the file or its imports declare the cluster's inventory; "unknown" when an import failed. */
  readonly inventory: "declared" | "none" | "unknown";
  /** This node's own inventory value: emits the lookup at the current point, once per field. */
  node(field: NodeField, span: Span, variableHint: string): NodeValue;
}

export function evaluateNodeField(expr: A.DiscoverExpr, ctx: NodeContext, hint: string): Value | undefined {
  const fieldName = expr.field.name;
  if (!Object.hasOwn(nodeFieldTypes, fieldName)) {
    const fields = Object.keys(nodeFieldTypes);
    const suggestion = suggestName(fieldName, fields);
    ctx.bag.report("BOND0136", expr.field.span, `the inventory's nodes have no field \`${fieldName}\``, {
      label: "unknown field",
      help: `${suggestion ? `did you mean \`${suggestion}\`? ` : ""}discover node reads ${fields.join(", ")}`,
      ...(suggestion
        ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: expr.field.span, newText: suggestion }] }] }
        : {}),
    });
    return undefined;
  }
  if (ctx.inventory === "unknown") return undefined; // the failed import is reported already
  if (ctx.inventory === "none") {
    ctx.bag.report("BOND0135", expr.target.span, "`discover node` needs the cluster's inventory", {
      label: "no inventory is declared or imported",
      notes: ["the node's values come from its row of the inventory, which the script finds at boot"],
      help: 'import the cluster\'s inventory: import "inventory.bond"',
    });
    return undefined;
  }
  return ctx.node(fieldName as NodeField, expr.span, hint);
}
