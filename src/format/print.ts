import type * as A from "../syntax/ast.js";
import type { Block, Child, Element, Layout } from "./layout.js";

/** The house style's fixed numbers (see format.ts for the rules they serve). */
const indentUnit = "  ";
const printWidth = 100;
/** Between settings on one line: `{ kernel "2.2.14"  tools net-tools }`. */
const settingGap = "  ";
/** `up` and `handoff` blocks with more settings than this get one setting per line. */
const maxInlineSettings = 2;

/** Prints a laid-out file as canonical text. */
export function printFile(layout: Layout): string {
  const lines = printElements(layout, layout.file, 0);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

function printElements(layout: Layout, elements: readonly Element[], depth: number): string[] {
  const pad = indentUnit.repeat(depth);
  const out: string[] = [];
  for (const e of elements) {
    if (e.blankBefore) out.push("");
    if (e.kind === "comment") {
      out.push(pad + e.text);
      continue;
    }
    const lines = printChild(layout, e.node, depth);
    if (e.trailing !== undefined) lines[lines.length - 1] += ` ${e.trailing}`;
    out.push(...lines);
  }
  return out;
}

function printChild(layout: Layout, node: Child, depth: number): string[] {
  const pad = indentUnit.repeat(depth);
  switch (node.kind) {
    case "TargetDecl":
      return printSettingsBlock(layout, node, `target ${node.name.name}`, node.settings, depth, Infinity);
    case "InventoryDecl": {
      const head = `inventory ${expr(node.path)}`;
      if (node.settings === undefined) return [pad + head];
      return printSettingsBlock(layout, node, head, node.settings, depth, Infinity);
    }
    case "UpStmt":
    case "HandoffStmt":
    case "WaitStmt": {
      const head =
        node.kind === "UpStmt"
          ? `up ${expr(node.target)}`
          : node.kind === "HandoffStmt"
            ? `handoff ${expr(node.root)}`
            : `wait ${node.what.name}`;
      if (node.settings === undefined) return [pad + head];
      return printSettingsBlock(layout, node, head, node.settings, depth, maxInlineSettings);
    }
    case "ProcDecl": {
      const params = node.params.map((p) => `${p.name.name}: ${p.type.name}`).join(", ");
      const head = `proc ${node.name.name}(${params})`;
      const block = layout.blocks.get(node)!;
      if (block.elements.length === 0 && block.open === undefined) return [`${pad}${head} {}`];
      return printMultiline(layout, head, block, depth);
    }
    default:
      return [pad + printLine(node)];
  }
}

/** Statements and settings that always fit on one line. */
function printLine(
  node: Exclude<Child, A.TargetDecl | A.UpStmt | A.HandoffStmt | A.WaitStmt | A.ProcDecl | A.InventoryDecl>,
): string {
  switch (node.kind) {
    case "ImportDecl":
      return `import ${expr(node.path)}`;
    case "LetStmt":
      return `let ${node.name.name}${node.type ? `: ${node.type.name}` : ""} = ${expr(node.value)}`;
    case "IfaceStmt":
      return `iface ${node.names.map((n) => n.name).join(", ")}`;
    case "LoadStmt":
      return ["load", expr(node.module), ...node.options.map((o) => `${o.name.name}=${list(o.values)}`)].join(" ");
    case "DownStmt":
      return `down ${list(node.targets)}`;
    case "EnslaveStmt":
      return `enslave ${list(node.slaves)} to ${expr(node.bond)}`;
    case "MountStmt":
      return `mount ${node.what.name}`;
    case "OnFailureStmt":
      return `on failure ${node.policy.name}`;
    case "CallStmt":
      return `${node.callee.name}(${list(node.args)})`;
    case "Setting":
      return `${node.name.name} ${list(node.values)}`;
  }
}

/**
 * `head { a 1  b 2 }` when the block holds no comments, has at most `maxInline` settings and
 * fits the width; one setting per line otherwise.
 */
function printSettingsBlock(
  layout: Layout,
  node: Child,
  head: string,
  settings: readonly A.Setting[],
  depth: number,
  maxInline: number,
): string[] {
  const block = layout.blocks.get(node)!;
  const pad = indentUnit.repeat(depth);
  const commented =
    block.open !== undefined || block.elements.some((e) => e.kind === "comment" || e.trailing !== undefined);
  if (!commented) {
    if (settings.length === 0) return [`${pad}${head} {}`];
    const inline = `${pad}${head} { ${settings.map(printLine).join(settingGap)} }`;
    if (settings.length <= maxInline && inline.length <= printWidth) return [inline];
  }
  return printMultiline(layout, head, block, depth);
}

function printMultiline(layout: Layout, head: string, block: Block, depth: number): string[] {
  const pad = indentUnit.repeat(depth);
  const open = block.open === undefined ? "" : ` ${block.open}`;
  return [`${pad}${head} {${open}`, ...printElements(layout, block.elements, depth + 1), `${pad}}`];
}

function list(exprs: readonly A.Expr[]): string {
  return exprs.map(expr).join(", ");
}

function expr(e: A.Expr): string {
  switch (e.kind) {
    case "NameExpr":
      return e.name.name;
    case "IfaceExpr":
      return `iface ${e.name.name}`;
    case "DiscoverExpr":
      return `discover ${e.target.name}.${e.field.name}`;
    case "Ipv4Lit":
    case "MacLit":
    case "IntLit":
    case "PrefixLit":
      return e.text;
    case "StringLit":
      return `"${e.value}"`;
    case "BoolLit":
      return String(e.value);
    case "MissingExpr":
      // formatBond refuses files with syntax errors, the only source of missing expressions.
      throw new Error(
        `${e.span.file}:${e.span.line}:${e.span.column}: cannot print an expression the parser did not find`,
      );
  }
}
