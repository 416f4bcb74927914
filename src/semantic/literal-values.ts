import type { DiagnosticBag } from "../diagnostics/report.js";
import type { Span } from "../diagnostics/span.js";
import { formatIpv4, macForm, nonUnicastReason, parseIpv4, parseMac } from "../syntax/literals.js";
import type { ConstValue, ValueType } from "./types.js";

/*
 * The address literals, checked and reported wherever they are written: in a .bond file, or in a
 * cell of an inventory (semantic/inventory/). Each returns the value, or undefined after reporting.
 */

export function constant(type: ValueType, text: string, span: Span, number?: number): ConstValue {
  return number === undefined ? { kind: "const", type, text, span } : { kind: "const", type, text, span, number };
}

export function ipv4Literal(text: string, span: Span, bag: DiagnosticBag): ConstValue | undefined {
  const parsed = parseIpv4(text);
  if (!parsed.ok) {
    // Zero-padded octets (192.168.001.010) are the common case, and the fix is mechanical.
    const unpadded = text.replace(/(^|\.)0+(?=\d)/g, "$1");
    const fix = unpadded !== text && parseIpv4(unpadded).ok ? unpadded : undefined;
    bag.report("BOND0201", span, `\`${text}\` is not a valid IPv4 address`, {
      label: parsed.problem,
      ...(fix
        ? {
            help: `write it without leading zeros: ${fix}`,
            fixes: [{ title: `Change to ${fix}`, edits: [{ span, newText: fix }] }],
          }
        : {}),
    });
    return undefined;
  }
  return constant("ipv4", formatIpv4(parsed.value), span, parsed.value);
}

export function macLiteral(text: string, span: Span, bag: DiagnosticBag): ConstValue | undefined {
  const parsed = parseMac(text);
  if (!parsed.ok) {
    bag.report("BOND0202", span, `\`${text}\` is not a valid MAC address`, {
      label: parsed.problem,
      help: macForm,
    });
    return undefined;
  }
  const reason = nonUnicastReason(parsed.value);
  if (reason) {
    bag.report("BOND0203", span, `\`${text}\` cannot be an interface's own address`, {
      label: reason,
      notes: ["the kernel refuses a non-unicast address for an interface (EADDRNOTAVAIL)"],
      help: "use the boot NIC's MAC (let mac = discover boot.hwaddr), or a locally administered one such as 02:00:00:00:00:01",
    });
    return undefined;
  }
  return constant("mac", text.toUpperCase(), span);
}
