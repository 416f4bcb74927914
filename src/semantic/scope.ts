import type { Span } from "../diagnostics/span.js";
import type { Value } from "./types.js";
import type { ProcDecl } from "../syntax/ast.js";
import type { Definition } from "./symbols.js";

export type Binding =
  | { readonly kind: "value"; readonly value: Value; readonly definition: Definition }
  | { readonly kind: "proc"; readonly decl: ProcDecl; readonly definition: Definition }
  /** A let whose value had an error (already reported): uses stay silent instead of echoing "cannot find". */
  | { readonly kind: "poisoned"; readonly span: Span };

/** Told what a scope was asked and given: an editor's session tracks what each statement read (ir/item-memo.ts). */
export interface ScopeWatcher {
  /** `name` was looked up (`local`: in this scope only) and `found` was the answer. */
  read(name: string, local: boolean, found: Binding | undefined): void;
  /** Every visible name was listed (for a suggestion): no one name's binding decides it. */
  listed(): void;
  bound(name: string, binding: Binding): void;
}

/**
 * Lexical scopes. A file's top level is one scope; each procedure call gets a fresh scope whose
 * parent holds only the procedures, so a procedure sees its parameters, its own lets and other
 * procedures, never its caller's variables.
 */
export class Scope {
  private bindings = new Map<string, Binding>();
  watcher: ScopeWatcher | undefined;

  constructor(private readonly parent?: Scope) {}

  lookup(name: string): Binding | undefined {
    const found = this.bindings.get(name) ?? this.parent?.lookup(name);
    this.watcher?.read(name, false, found);
    return found;
  }

  /** The existing binding in this very scope, if any (a redefinition). */
  local(name: string): Binding | undefined {
    const found = this.bindings.get(name);
    this.watcher?.read(name, true, found);
    return found;
  }

  /** This scope's own bindings as they are now, for restore(). */
  snapshot(): ReadonlyMap<string, Binding> {
    return new Map(this.bindings);
  }

  /** Takes the bindings of a snapshot() as this scope's own (a copy: the snapshot stays as it was). */
  restore(snapshot: ReadonlyMap<string, Binding>): void {
    this.bindings = new Map(snapshot);
  }

  bind(name: string, binding: Binding): void {
    this.bindings.set(name, binding);
    this.watcher?.bound(name, binding);
  }

  /** Every visible name, innermost first: for "did you mean" and completion. */
  names(): string[] {
    this.watcher?.listed();
    return [...this.bindings.keys(), ...(this.parent?.names() ?? [])];
  }
}
