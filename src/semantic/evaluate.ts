import type { DiagnosticBag } from "../diagnostics/report.js";
import type { Span } from "../diagnostics/span.js";
import {
  discoverFieldTypes,
  type ConstValue,
  type DiscoverField,
  type DiscoveredValue,
  type InterfaceDecl,
  type Value,
  type ValueType,
} from "./types.js";
import type * as A from "../syntax/ast.js";
import { bondingMode, bondingModes, bondNamePattern, vlanNamePattern } from "./bonding.js";
import { interfaceName, vlanId } from "./domains/kernel.js";
import { checkLiteral } from "./domains/report.js";
import { constant, ipv4Literal, macLiteral } from "./literal-values.js";
import { closest, formatIpv4, parseIpv4, parseNetmask, suggestName, suggestNetmask } from "../syntax/literals.js";
import { evaluateNodeField, NODE, type NodeContext } from "./inventory/node-field.js";
import type { Scope } from "./scope.js";
import type { SymbolTable } from "./symbols.js";

/** How each type is named in messages. */
export const typeWords: Record<ValueType, string> = {
  interface: "an interface",
  mac: "a MAC address",
  ipv4: "an IPv4 address",
  netmask: "a netmask",
  module: "a module name",
  path: "a path",
  int: "a number",
  string: "a string",
  bool: "true or false",
  mode: "a bonding mode",
  rootdev: "a root device",
};

/** How the literals of each type are written, for a word found where one belongs. */
const literalForms: Partial<Record<ValueType, string>> = {
  int: "a whole number, such as 100",
  ipv4: "an address such as 192.168.1.105, or a name bound with let",
  mac: "a MAC address such as 00:90:27:E0:30:51, or a name bound with let",
  netmask: "a netmask such as 255.255.255.0 or /24",
};

export interface EvalContext extends NodeContext {
  readonly scope: Scope;
  readonly bag: DiagnosticBag;
  readonly symbols: SymbolTable;
  readonly interfaces: Map<string, InterfaceDecl>;
  /** Emits a Discover action at the current point of the boot sequence. */
  discover(iface: string, field: DiscoverField, span: Span, variableHint: string): DiscoveredValue;
}

/**
 * Gives an expression a typed value, checking it against the type its position expects. Words
 * (identifiers) that are not bound names are read according to that type: `bonding` where a
 * module is expected, `active-backup` where a mode is, `eth1` where an interface is. Returns
 * undefined after reporting a diagnostic, so callers never report a second error for the same
 * expression.
 */
export function evaluate(
  expr: A.Expr,
  expected: ValueType | undefined,
  ctx: EvalContext,
  variableHint = "value",
): Value | undefined {
  const value = evaluateUntyped(expr, expected, ctx, variableHint);
  if (!value) return undefined;
  if (expected && value.type !== expected) {
    ctx.bag.report("BOND0102", expr.span, `expected ${typeWords[expected]}, found ${typeWords[value.type]}`, {
      label: `this is ${typeWords[value.type]}`,
    });
    return undefined;
  }
  ctx.symbols.types.push({ span: expr.span, type: value.type, detail: describeValue(value) });
  return value;
}

/**
 * For types that only ever have compile-time values (interface, module, mode, rootdev, path,
 * string, int, bool): discover yields only mac, ipv4 and netmask.
 */
export function evaluateConst(expr: A.Expr, expected: ValueType, ctx: EvalContext): ConstValue | undefined {
  const value = evaluate(expr, expected, ctx);
  return value?.kind === "const" ? value : undefined;
}

export function describeValue(value: Value): string {
  if (value.kind === "discovered") return `${value.type}, read from ${value.iface}'s ${value.field} at boot`;
  if (value.kind === "node") return `${value.type}, this node's ${value.field} in the inventory, found at boot`;
  return `${value.type} ${value.text}`;
}

function evaluateUntyped(
  expr: A.Expr,
  expected: ValueType | undefined,
  ctx: EvalContext,
  hint: string,
): Value | undefined {
  switch (expr.kind) {
    case "MissingExpr":
      return undefined; // the parser already reported it
    case "NameExpr":
      return evaluateName(expr.name, expected, ctx);
    case "IfaceExpr":
      return declareInterface(expr.name, ctx);
    case "DiscoverExpr":
      return evaluateDiscover(expr, ctx, hint);
    case "Ipv4Lit":
      return expected === "netmask"
        ? netmaskLiteral(expr.text, expr.span, ctx)
        : ipv4Literal(expr.text, expr.span, ctx.bag);
    case "PrefixLit":
      return netmaskLiteral(expr.text, expr.span, ctx);
    case "MacLit":
      return macLiteral(expr.text, expr.span, ctx.bag);
    case "IntLit":
      if (expected === "mode") return modeWord(expr.text, expr.span, ctx);
      return constant("int", String(Number(expr.text)), expr.span, Number(expr.text));
    case "StringLit":
      if (expected === "path" || expected === "rootdev") return constant(expected, expr.value, expr.span);
      return constant("string", expr.value, expr.span);
    case "BoolLit":
      return constant("bool", String(expr.value), expr.span);
  }
}

function evaluateName(name: A.Ident, expected: ValueType | undefined, ctx: EvalContext): Value | undefined {
  const binding = ctx.scope.lookup(name.name);
  if (binding?.kind === "poisoned") return undefined;
  if (binding?.kind === "value") {
    ctx.symbols.refer(name.span, binding.definition);
    // Re-anchor the value at its use, so diagnostics point at the use.
    return { ...binding.value, span: name.span };
  }
  if (binding?.kind === "proc") {
    ctx.bag.report("BOND0102", name.span, `\`${name.name}\` is a procedure, not a value`, {
      help: `call it as a statement: ${name.name}(…)`,
    });
    return undefined;
  }
  switch (expected) {
    case "interface":
      return resolveInterface(name, ctx);
    case "module":
      return constant("module", name.name, name.span);
    case "mode":
      return modeWord(name.name, name.span, ctx);
    case "rootdev":
      if (name.name === "nfs") return constant("rootdev", "nfs", name.span);
      ctx.bag.report("BOND0118", name.span, `\`${name.name}\` is not a root device`, {
        help: 'write `nfs`, or a block device in quotes: "/dev/hda1"',
      });
      return undefined;
    case undefined:
      if (ctx.interfaces.has(name.name) || bondNamePattern.test(name.name) || name.name === "lo") {
        return resolveInterface(name, ctx);
      }
      break;
    default:
      break;
  }
  const suggestion = closest(name.name, ctx.scope.names());
  const form = expected === undefined ? undefined : literalForms[expected];
  if (form && !suggestion) {
    // `miimon=fast`: a word where a literal belongs is a wrong value, not a missing binding.
    ctx.bag.report("BOND0102", name.span, `expected ${typeWords[expected!]}, found the word \`${name.name}\``, {
      label: `not ${typeWords[expected!]}`,
      help: `write ${form}`,
    });
    return undefined;
  }
  ctx.bag.report("BOND0101", name.span, `cannot find \`${name.name}\` in this scope`, {
    label: "not bound",
    ...(suggestion
      ? { help: `a binding with a similar name exists: \`${suggestion}\`` }
      : { help: `bind it first, e.g. \`let ${name.name} = …\`` }),
    ...(suggestion
      ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: name.span, newText: suggestion }] }] }
      : {}),
  });
  return undefined;
}

export function resolveInterface(name: A.Ident, ctx: EvalContext): ConstValue | undefined {
  const binding = ctx.scope.lookup(name.name);
  if (binding?.kind === "poisoned") return undefined;
  if (binding?.kind === "value") {
    ctx.symbols.refer(name.span, binding.definition);
    if (binding.value.type !== "interface") {
      ctx.bag.report("BOND0102", name.span, `expected an interface, found ${typeWords[binding.value.type]}`, {
        label: `\`${name.name}\` is ${typeWords[binding.value.type]}`,
      });
      return undefined;
    }
    return binding.value.kind === "const" ? { ...binding.value, span: name.span } : undefined;
  }
  if (name.name === "lo") return constant("interface", "lo", name.span);
  if (bondNamePattern.test(name.name)) {
    if (!ctx.interfaces.has(name.name)) {
      checkLiteral(interfaceName, name.name, name.span, ctx.bag);
      ctx.interfaces.set(name.name, { name: name.name, kind: "bond" });
    }
    return constant("interface", name.name, name.span);
  }
  const vlan = vlanNamePattern.exec(name.name);
  if (vlan && ctx.interfaces.get(name.name)?.kind !== "nic") return resolveVlan(name, vlan[1]!, vlan[2]!, ctx);
  const decl = ctx.interfaces.get(name.name);
  if (decl) {
    const def = ctx.symbols.interfaceDefinition(name.name);
    if (def) ctx.symbols.refer(name.span, def);
    return constant("interface", name.name, name.span);
  }
  // Bonds too: `to bnod0` is a typo of bond0 as surely as `eht1` is one of eth1.
  const suggestion = closest(name.name, [...ctx.interfaces.keys(), ...ctx.scope.names()]);
  ctx.bag.report("BOND0310", name.span, `the interface \`${name.name}\` is not declared`, {
    label: "undeclared",
    notes: ["declaring every NIC catches typos such as eht1 before the node is at the rack"],
    help: suggestion
      ? `did you mean \`${suggestion}\`? Otherwise declare it: iface ${name.name}`
      : `declare it first: iface ${name.name}`,
    ...(suggestion
      ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: name.span, newText: suggestion }] }] }
      : {}),
  });
  return undefined;
}

/**
 * `bond0.100`: VLAN 100 on bond0, which needs no declaration (the script creates it), but whose
 * parent must be an interface the file knows and whose id 802.1Q must allow.
 */
function resolveVlan(name: A.Ident, parentName: string, id: string, ctx: EvalContext): ConstValue | undefined {
  const at = (start: number, length: number): Span => ({
    ...name.span,
    start: name.span.start + start,
    end: name.span.start + start + length,
    column: name.span.column + start,
    endColumn: name.span.column + start + length,
  });
  const parent = resolveInterface({ kind: "Ident", name: parentName, span: at(0, parentName.length) }, ctx);
  if (!parent) return undefined;
  // Known even when the kernel would refuse it, so that its bond is not also told it lacks an address.
  ctx.interfaces.set(name.name, { name: name.name, kind: "vlan", vlan: { parent: parent.text, id: Number(id) } });
  const valid =
    checkLiteral(vlanId, id, at(parentName.length + 1, id.length), ctx.bag) &&
    checkLiteral(interfaceName, name.name, name.span, ctx.bag);
  return valid ? constant("interface", name.name, name.span) : undefined;
}

export function declareInterface(name: A.Ident, ctx: EvalContext): ConstValue | undefined {
  if (name.name === "") return undefined;
  if (name.name === "lo" || bondNamePattern.test(name.name) || vlanNamePattern.test(name.name))
    return resolveInterface(name, ctx);
  if (!ctx.interfaces.has(name.name)) {
    // Declared (and so known to later statements) even when the kernel would refuse the name.
    checkLiteral(interfaceName, name.name, name.span, ctx.bag);
    ctx.interfaces.set(name.name, { name: name.name, kind: "nic", span: name.span });
    ctx.symbols.define({
      name: name.name,
      kind: "iface",
      span: name.span,
      fullSpan: name.span,
      type: "interface",
      detail: `iface ${name.name}`,
    });
  }
  return constant("interface", name.name, name.span);
}

function evaluateDiscover(expr: A.DiscoverExpr, ctx: EvalContext, hint: string): Value | undefined {
  if (expr.target.name === NODE) return evaluateNodeField(expr, ctx, hint);
  const iface = resolveInterface(expr.target, ctx);
  const fieldName = expr.field.name;
  if (!Object.hasOwn(discoverFieldTypes, fieldName)) {
    const suggestion = suggestName(fieldName, Object.keys(discoverFieldTypes));
    ctx.bag.report("BOND0104", expr.field.span, `interfaces have no field \`${fieldName}\``, {
      label: "unknown field",
      help: `${suggestion ? `did you mean \`${suggestion}\`? ` : ""}discover reads hwaddr, inet, netmask or broadcast`,
      ...(suggestion
        ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span: expr.field.span, newText: suggestion }] }] }
        : {}),
    });
    return undefined;
  }
  if (iface?.kind !== "const") return undefined;
  return ctx.discover(iface.text, fieldName as DiscoverField, expr.span, hint);
}

function netmaskLiteral(text: string, span: Span, ctx: EvalContext): Value | undefined {
  const parsed = parseNetmask(text);
  if (parsed.ok) return constant("netmask", formatIpv4(parsed.value.value), span, parsed.value.value);
  if (text.startsWith("/")) {
    ctx.bag.report("BOND0205", span, `\`${text}\` is not a valid prefix length`, { label: parsed.problem });
    return undefined;
  }
  const ip = parseIpv4(text);
  if (!ip.ok) {
    ctx.bag.report("BOND0201", span, `\`${text}\` is not a valid netmask`, { label: ip.problem });
    return undefined;
  }
  const suggestion = suggestNetmask(ip.value);
  ctx.bag.report("BOND0204", span, `\`${text}\` is not a contiguous netmask`, {
    label: parsed.problem,
    notes: ["Linux refuses it (SIOCSIFNETMASK: Invalid argument) and keeps the address class's default mask"],
    help: `a netmask is ones followed by zeros; with the same number of ones: ${suggestion}`,
    fixes: [{ title: `Change to ${suggestion}`, edits: [{ span, newText: suggestion }] }],
  });
  return undefined;
}

function modeWord(word: string, span: Span, ctx: EvalContext): Value | undefined {
  const mode = bondingMode(word);
  if (mode) return constant("mode", mode, span);
  const suggestion = closest(word, bondingModes);
  ctx.bag.report("BOND0119", span, `\`${word}\` is not a bonding mode`, {
    label: "unknown mode",
    help: suggestion ? `did you mean \`${suggestion}\`?` : `the modes are ${bondingModes.join(", ")} (or 0 to 6)`,
    ...(suggestion
      ? { fixes: [{ title: `Change to \`${suggestion}\``, edits: [{ span, newText: suggestion }] }] }
      : {}),
  });
  return undefined;
}
