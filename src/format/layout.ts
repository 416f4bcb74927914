import type { LineIndex } from "../diagnostics/span.js";
import type * as A from "../syntax/ast.js";

/*
 * Where every comment goes. The parser keeps comments in one flat list beside the tree; the
 * printer needs them next to the statements they describe. Each `{ … }` block and the file
 * itself is a container holding a sequence of elements, one or more lines each: own-line
 * comments and children (items, proc statements, block settings), where a child may carry the
 * comment that trails its last line. Comments never change order relative to the statements
 * around them, so a `# bondc:allow` directive keeps applying to the statement it applied to.
 */

/** Something printed on its own line(s) inside a container. */
export type Child = A.Item | A.Setting;

export type Element =
  | { readonly kind: "comment"; readonly text: string; readonly blankBefore: boolean }
  | { readonly kind: "child"; readonly node: Child; readonly trailing?: string; readonly blankBefore: boolean };

export interface Block {
  /** A comment written after the `{` on its line: `up bond0 { # the bond`. */
  readonly open?: string;
  readonly elements: readonly Element[];
}

export interface Layout {
  readonly file: readonly Element[];
  /** The `{ … }` of every proc, target and block-form up and handoff, keyed by its owner. */
  readonly blocks: ReadonlyMap<Child, Block>;
}

/** The children of `node`'s `{ … }` block, or undefined when it has none. */
export function blockChildren(node: Child): readonly Child[] | undefined {
  switch (node.kind) {
    case "ProcDecl":
      return node.body;
    case "TargetDecl":
    case "UpStmt":
    case "HandoffStmt":
    case "WaitStmt":
    case "InventoryDecl":
      return node.settings;
    default:
      return undefined;
  }
}

type Blocked = A.ProcDecl | A.TargetDecl | A.UpStmt | A.HandoffStmt | A.WaitStmt | A.InventoryDecl;

/** Where the text before `node`'s `{` ends: only whitespace and comments lie between it and the brace. */
function headerEnd(node: Blocked): number {
  switch (node.kind) {
    case "ProcDecl":
    case "TargetDecl":
      return node.name.span.end;
    case "UpStmt":
      return node.target.span.end;
    case "HandoffStmt":
      return node.root.span.end;
    case "WaitStmt":
      return node.what.span.end;
    case "InventoryDecl":
      return node.path.span.end;
  }
}

const directive = /^#\s*bondc:allow\b/;

/** How a container's comments relate to its children. */
interface Placement {
  /** Comments inside a child's own `{ … }` block, placed when that block is arranged. */
  readonly inside: Map<Child, A.Comment[]>;
  /** Comments in the middle of a child (not in its block): printed on their own lines above it. */
  readonly hoisted: Map<Child, A.Comment[]>;
  /** The comment after a child's last token on the same line. */
  readonly trailing: Map<Child, A.Comment>;
  /** Comments on lines of their own between children. */
  readonly loose: A.Comment[];
  open?: A.Comment;
}

/** Places `file`'s comments. The file must have parsed without errors. */
export function layOut(file: A.BondFile, lines: LineIndex): Layout {
  const blocks = new Map<Child, Block>();
  const text = lines.text;

  // A comment "trails" when code precedes it on its line; otherwise it has the line to itself.
  const trails = (c: A.Comment) =>
    lines
      .lineText(c.span.line)
      .slice(0, c.span.column - 1)
      .trim() !== "";
  const blankBetween = (from: number, to: number) => (text.slice(from, to).match(/\n/g)?.length ?? 0) >= 2;

  /** The offset of `node`'s `{`, or undefined when it has no block. */
  function openBrace(node: Child): number | undefined {
    if (blockChildren(node) === undefined) return undefined;
    let i = headerEnd(node as Blocked);
    for (; i < node.span.end && text[i] !== "{"; i++) {
      if (text[i] === "#") i = text.indexOf("\n", i) - 1;
    }
    return i;
  }

  function place(children: readonly Child[], comments: readonly A.Comment[], braceLine: number | undefined): Placement {
    const placement: Placement = { inside: new Map(), hoisted: new Map(), trailing: new Map(), loose: [] };
    const add = (map: Map<Child, A.Comment[]>, key: Child, c: A.Comment) => {
      const list = map.get(key);
      if (list) list.push(c);
      else map.set(key, [c]);
    };
    // Children and comments are both in source order, so one walk pairs them up.
    let next = 0;
    for (const c of comments) {
      while (next < children.length && children[next]!.span.end <= c.span.start) next++;
      const owner = children[next];
      if (owner && owner.span.start <= c.span.start) {
        // Inside the owner's block it is that block's business; anywhere else inside a
        // statement (`load bonding # why` + a continuation line) it moves above the statement.
        const brace = openBrace(owner);
        add(brace !== undefined && c.span.start > brace ? placement.inside : placement.hoisted, owner, c);
        continue;
      }
      if (trails(c)) {
        const before = children[next - 1];
        if (before && before.span.endLine === c.span.line) {
          placement.trailing.set(before, c);
          continue;
        }
        if (!before && braceLine === c.span.line) {
          placement.open = c;
          continue;
        }
      }
      placement.loose.push(c);
    }
    return placement;
  }

  /** The container's lines in source order, with the blank lines worth keeping. */
  function sequence(children: readonly Child[], { hoisted, trailing, loose }: Placement): Element[] {
    const order: ({ node: Child } | { comment: A.Comment })[] = [
      ...children.map((node) => ({ node })),
      ...loose.map((comment) => ({ comment })),
    ];
    const start = (e: (typeof order)[number]) => ("node" in e ? e.node.span.start : e.comment.span.start);
    order.sort((a, b) => start(a) - start(b));

    const elements: Element[] = [];
    // Blank lines survive (collapsed to one) except at the top of a container and right after
    // a directive, which must stay directly above its statement.
    let prevEnd: number | undefined;
    let afterDirective = false;
    const blankBefore = (at: number) => prevEnd !== undefined && !afterDirective && blankBetween(prevEnd, at);
    for (const entry of order) {
      if ("comment" in entry) {
        const c = entry.comment;
        elements.push({ kind: "comment", text: c.text.trimEnd(), blankBefore: blankBefore(c.span.start) });
        prevEnd = c.span.end;
        afterDirective = directive.test(c.text);
        continue;
      }
      const node = entry.node;
      let blank = blankBefore(node.span.start);
      for (const c of hoisted.get(node) ?? []) {
        elements.push({ kind: "comment", text: c.text.trimEnd(), blankBefore: blank });
        blank = false;
      }
      const after = trailing.get(node);
      elements.push({ kind: "child", node, blankBefore: blank, ...(after ? { trailing: after.text.trimEnd() } : {}) });
      prevEnd = after ? after.span.end : node.span.end;
      afterDirective = false;
    }
    return elements;
  }

  function arrange(children: readonly Child[], comments: readonly A.Comment[], braceLine?: number): Block {
    const placement = place(children, comments, braceLine);
    for (const child of children) {
      const inner = blockChildren(child);
      if (inner === undefined) continue;
      const brace = openBrace(child)!;
      blocks.set(child, arrange(inner, placement.inside.get(child) ?? [], lines.position(brace).line));
    }
    const elements = sequence(children, placement);
    return { ...(placement.open ? { open: placement.open.text.trimEnd() } : {}), elements };
  }

  return { file: arrange(file.items, file.comments).elements, blocks };
}
