import type { Span } from "../diagnostics/span.js";
import type { ValueType } from "./types.js";
import { appendSlice } from "../lists.js";

/*
 * What name resolution learned, kept for editors: every definition, every reference to it, and
 * the type of every expression. The LSP's hover, go-to-definition, references and rename are
 * answered from this table alone.
 */

export type DefinitionKind = "let" | "param" | "proc" | "iface";

export interface Definition {
  readonly name: string;
  readonly kind: DefinitionKind;
  /** The span of the defining name. */
  readonly span: Span;
  /** The whole declaration (the let statement, the proc); for document symbols and folding. */
  readonly fullSpan: Span;
  readonly type?: ValueType;
  /** A one-line signature: `let ip: ipv4 = discover boot.inet`, `proc bond_pair(a: interface, …)`. */
  readonly detail: string;
}

export interface Reference {
  readonly span: Span;
  readonly definition: Definition;
}

export interface TypedSpan {
  readonly span: Span;
  readonly type: ValueType;
  readonly detail: string;
}

/** How much a SymbolTable holds: where one statement's entries begin (ir/lower.ts records them). */
export interface SymbolCounts {
  readonly definitions: number;
  readonly references: number;
  readonly types: number;
}

export class SymbolTable {
  readonly definitions: Definition[] = [];
  readonly references: Reference[] = [];
  readonly types: TypedSpan[] = [];
  private readonly interfaces = new Map<string, Definition>();

  define(def: Definition): Definition {
    this.definitions.push(def);
    this.indexInterface(def);
    return def;
  }

  private indexInterface(def: Definition): void {
    if (def.kind === "iface" && !this.interfaces.has(def.name)) this.interfaces.set(def.name, def);
  }

  /** Where an interface was first declared (indexed: every interface reference asks). */
  interfaceDefinition(name: string): Definition | undefined {
    return this.interfaces.get(name);
  }

  refer(span: Span, definition: Definition): void {
    this.references.push({ span, definition });
  }

  /**
   * Appends what `from` holds between two of its counts, as define() and refer() would have: a run
   * of statements another lowering of the same file made (ir/lower.ts takes them over whole).
   */
  append(from: SymbolTable, start: SymbolCounts, end: SymbolCounts): void {
    appendSlice(this.definitions, from.definitions, start.definitions, end.definitions);
    for (let i = start.definitions; i < end.definitions; i++) this.indexInterface(from.definitions[i]!);
    appendSlice(this.references, from.references, start.references, end.references);
    appendSlice(this.types, from.types, start.types, end.types);
  }

  counts(): SymbolCounts {
    return { definitions: this.definitions.length, references: this.references.length, types: this.types.length };
  }
}
