import type { DiagnosticBag } from "../../diagnostics/report.js";
import type { LineIndex, Span } from "../../diagnostics/span.js";
import { closest } from "../../syntax/literals.js";
import { nodeName } from "../domains/inventory.js";
import { checkLiteral } from "../domains/report.js";
import { ipv4Literal, macLiteral } from "../literal-values.js";
import type { Cell, Row } from "./csv.js";
import {
  inventoryColumns,
  nodeRoles,
  requiredColumns,
  type InventoryColumn,
  type InventoryNode,
  type Located,
  type NodeRole,
} from "./inventory.js";

/*
 * From CSV rows to nodes: the header says which cell is which, and every cell is checked as the
 * literal it is (a node name against its domain, addresses and MACs as .bond literals are). A row
 * with any mistake is reported and left out, so the checks across rows never echo it.
 */

const schema = "docs/cluster.md describes the inventory's columns";

/** The column each header cell names, or undefined after reporting the header. */
function readHeader(header: Row, at: (c: { start: number; end: number }) => Span, bag: DiagnosticBag) {
  const columns: (InventoryColumn | undefined)[] = [];
  let ok = true;
  for (const cell of header.cells) {
    const name = cell.value.toLowerCase();
    const known = (inventoryColumns as readonly string[]).includes(name) ? (name as InventoryColumn) : undefined;
    if (!known || columns.includes(known)) {
      const near = closest(name, inventoryColumns);
      bag.report(
        "BOND0131",
        at(cell),
        known ? `the column \`${name}\` is named twice` : `\`${cell.value}\` is not an inventory column`,
        {
          label: known ? "named twice" : "unknown column",
          notes: [schema],
          help: near && !known ? `did you mean \`${near}\`?` : `the columns are ${inventoryColumns.join(", ")}`,
        },
      );
      ok = false;
    }
    columns.push(known);
  }
  const missing = requiredColumns.filter((c) => !columns.includes(c));
  if (missing.length > 0) {
    bag.report("BOND0131", at(header), `the header has no \`${missing.join("`, `")}\` column`, {
      label: "the header row",
      notes: [schema],
      help: `name the columns in the first row: ${inventoryColumns.join(",")}`,
    });
    ok = false;
  }
  return ok ? (columns as InventoryColumn[]) : undefined;
}

function readRole(cell: Cell | undefined, span: Span | undefined, bag: DiagnosticBag): NodeRole | undefined {
  if (!cell || cell.value === "") return "client";
  const role = cell.value.toLowerCase();
  if ((nodeRoles as readonly string[]).includes(role)) return role as NodeRole;
  const near = closest(role, nodeRoles);
  bag.report("BOND0131", span!, `\`${cell.value}\` is not a node role`, {
    label: "unknown role",
    help: near ? `did you mean \`${near}\`?` : `a node's role is ${nodeRoles.join(" or ")} (empty: client)`,
  });
  return undefined;
}

/** The MACs of a `macs` cell: separated by spaces (or `;`), each with its own span. */
function readMacs(cell: Cell, file: string, lines: LineIndex, bag: DiagnosticBag): Located<string>[] | undefined {
  const macs: Located<string>[] = [];
  let ok = true;
  // Offsets inside a quoted cell shift by the opening quote.
  const base = cell.start + (lines.text[cell.start] === '"' ? 1 : 0);
  for (const m of cell.value.matchAll(/[^\s;]+/g)) {
    const span = lines.span(file, base + m.index, base + m.index + m[0].length);
    const mac = macLiteral(m[0], span, bag);
    if (mac) macs.push({ value: mac.text, span });
    else ok = false;
  }
  return ok ? macs : undefined;
}

/** The nodes of an inventory's rows (the first row is the header). */
export function readNodes(rows: readonly Row[], file: string, lines: LineIndex, bag: DiagnosticBag): InventoryNode[] {
  const at = (c: { start: number; end: number }) => lines.span(file, c.start, c.end);
  const [header, ...body] = rows;
  if (!header) return [];
  const columns = readHeader(header, at, bag);
  if (!columns) return [];
  const nodes: InventoryNode[] = [];
  let server: InventoryNode | undefined;
  for (const row of body) {
    if (row.cells.length !== columns.length) {
      bag.report("BOND0131", at(row), `this row has ${row.cells.length} cells, the header ${columns.length}`, {
        label: `expected ${columns.join(",")}`,
        notes: [schema],
        help: "give every row one cell per column, in the header's order (an empty role is written as a trailing comma)",
      });
      continue;
    }
    const cell = (c: InventoryColumn) => {
      const i = columns.indexOf(c);
      return i < 0 ? undefined : row.cells[i];
    };
    const nameCell = cell("name")!;
    const addressCell = cell("address")!;
    const macsCell = cell("macs")!;
    const roleCell = cell("role");
    const nameOk = checkLiteral(nodeName, nameCell.value, at(nameCell), bag);
    const address = ipv4Literal(addressCell.value, at(addressCell), bag);
    const macs = readMacs(macsCell, file, lines, bag);
    if (macs?.length === 0) {
      bag.report("BOND0131", at(macsCell), `${nameCell.value || "this node"} lists no MAC address`, {
        label: "no MACs",
        notes: ["the first MAC is the NIC the node boots from, which selects its boot entry"],
        help: "list the node's NICs, separated by spaces: 52:54:00:12:34:11 52:54:00:12:34:12",
      });
    }
    const role = readRole(roleCell, roleCell ? at(roleCell) : undefined, bag);
    if (role === "server" && server) {
      bag.report("BOND0131", at(roleCell!), `a cluster has one server; ${server.name.value} is already it`, {
        label: "a second server",
        related: [{ span: server.span, message: "the server" }],
        help: "make this node a client, or the other one",
      });
      continue;
    }
    if (!nameOk || !address || !macs || macs.length === 0 || !role) continue;
    const node: InventoryNode = {
      name: { value: nameCell.value, span: at(nameCell) },
      address: { value: address.number!, text: address.text, span: at(addressCell) },
      macs,
      role,
      span: at(row),
    };
    if (role === "server") server = node;
    nodes.push(node);
  }
  return nodes;
}
