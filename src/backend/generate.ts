import { basename } from "node:path";
import type { BootState } from "../analysis/state.js";
import type { LineIndex } from "../diagnostics/span.js";
import { userSpan, type Action, type BondConfig, type Program } from "../ir/ir.js";
import { interfaceUses } from "../ir/uses.js";
import type { Value } from "../semantic/types.js";
import { blank, cmd, comment, mark, v, word, type Command, type Statement, type Word } from "../sh/ast.js";
import { printScript } from "../sh/printer.js";
import type { Carrier, Client, Target } from "../targets/target.js";
import { commands, type ModuleParam, type Toolset } from "../toolsets/toolset.js";
import { version } from "../version.js";
import {
  bootSnapshot,
  enslavedFlag,
  failCall,
  failureFunctions,
  fallbackFlags,
  nodeAddressFallback,
  procFlag,
  upFlag,
} from "./failure.js";
import { preludeMark, type ScriptOrigin, type SourceMap } from "./source-map.js";
import { driverAnnouncement } from "./announce.js";
import { nodeLookup } from "./node-lookup.js";
import { programFacts, type ProgramFacts } from "./program-facts.js";

export interface ScriptStats {
  /** Processes the script starts on the success path (each external command is one). */
  readonly processes: number;
  /** Of those, the ones spent reading interface values. */
  readonly discoveryProcesses: number;
}

export interface GeneratedScript {
  readonly script: string;
  readonly sourceMap: SourceMap;
  readonly stats: ScriptStats;
}

/** Where the generator finds what it needs besides the program. */
export interface GenerateOptions {
  readonly states: readonly BootState[];
  readonly linesOf: (file: string) => LineIndex | undefined;
  readonly target: Target;
  readonly tools: Toolset;
  /** The inventory's clients, for a target that waits for them (in inventory order). */
  readonly clients?: readonly Client[];
  /**
   * Only these actions' steps are written (and the prelude): what an editor's hover shows of one
   * statement. What a step depends on in the steps before it is read off the whole program once
   * (program-facts.ts), so the other steps are not walked: each step written is as the whole
   * script has it, at the cost of the steps written.
   */
  readonly only?: ReadonlySet<number>;
}

const queryVar = (iface: string) => `bondc_if_${iface.replace(/[^A-Za-z0-9_]/g, "_")}`;

/**
 * Turns the checked IR into the target's script for one toolset. Each step cites its .bond line in a
 * comment and in what it echoes, runs its command, and hands any failure to bondc_fail. The
 * output depends only on the program (no dates, no paths beyond the file's base name).
 */
class Generator {
  private readonly out: Statement[] = [];
  private processes = 0;
  private discoveryProcesses = 0;
  private lastCommentLine = -1;
  private readonly sourceName: string;
  private readonly facts: ProgramFacts;
  private readonly tools: Toolset;
  private readonly target: Target;
  /**
   * Where the script mounts /proc ahead of the program's own `mount proc`, because the toolset's
   * reads need it and the target starts without it: before the fallback's snapshot ("prelude"),
   * before the first discover's query (its index), or nowhere.
   */
  private readonly earlyProc: "prelude" | number | undefined;

  constructor(
    private readonly program: Program,
    private readonly options: GenerateOptions,
  ) {
    this.sourceName = basename(program.file);
    this.facts = programFacts(program);
    this.tools = options.tools;
    this.target = options.target;
    this.earlyProc = earlyProcMount(program, this.target, this.tools, this.facts);
  }

  /** A value as a shell word: a constant as written, a discovered one as its variable's expansion. */
  private readonly valueWord = (value: Value): Word =>
    value.kind === "const" ? word(value.text) : word(v(this.facts.variables.get(value.id)!));

  run(): GeneratedScript {
    const p = this.program;
    const render = { valueWord: this.valueWord, sourceName: this.sourceName, target: this.target, tools: this.tools };
    this.out.push(
      mark(preludeMark),
      comment(this.target.title(this.sourceName, version)),
      comment("Edit the .bond file and recompile; do not edit this script."),
      comment(`Toolset: ${this.tools.name} (${this.tools.tools.join(", ")}). If a step fails: ${p.policy.kind}.`),
      ...(this.target.tools.length > 0
        ? [comment(`The ${this.target.name} target also runs: ${this.target.tools.join(", ")}.`)]
        : []),
      blank,
      { kind: "assign", variable: "PATH", value: word("/sbin:/bin:/usr/sbin:/usr/bin") },
      cmd("export", "PATH"),
      blank,
      ...failureFunctions(p, render),
      blank,
      ...fallbackFlags(p),
    );
    const prelude = this.target.prelude((what) => failCall(this.program.target.span?.line ?? 1, what));
    if (prelude.length > 0) this.out.push(blank, ...prelude);
    if (p.policy.kind === "fallback" && p.bootInterface) {
      if (this.earlyProc === "prelude") this.out.push(blank, ...this.procForReads(this.program.target.span?.line ?? 1));
      this.out.push(blank, ...bootSnapshot(p, queryVar(p.bootInterface), this.tools));
      this.processes++;
      this.discoveryProcesses++;
    }
    const only = this.options.only;
    const written = only
      ? [...only].filter((i) => i >= 0 && i < p.actions.length).sort((a, b) => a - b)
      : p.actions.keys();
    for (const i of written) {
      this.out.push(mark(i));
      this.step(p.actions[i]!, i);
    }
    this.announce(only);
    // The last step's, also when only some steps are written.
    if (only) this.out.push(mark(p.actions.length - 1));
    if (!(this.target.handoffExecs && this.facts.hasHandoff))
      this.out.push(blank, cmd("echo", `bondc: ${this.sourceName}: done`));
    const printed = printScript(this.out);
    return {
      script: printed.text,
      sourceMap: { lines: printed.marks.map((m) => this.origin(m)) },
      stats: { processes: this.processes, discoveryProcesses: this.discoveryProcesses },
    };
  }

  /**
   * The mount of /proc the toolset's reads need (`queryNeedsProc`), ahead of the program's own
   * `mount proc`: the program's order stays as written, and mounting /proc changes no interface.
   */
  private procForReads(line: number): Statement[] {
    this.processes++;
    return [
      comment(`${this.tools.queryNeedsProc ?? "the toolset's reads need /proc"}: mount /proc before the first read.`),
      { ...this.tools.mountProc(), orElse: failCall(line, "mount /proc") },
      ...(this.facts.flagsRead.has(procFlag)
        ? [{ kind: "assign", variable: procFlag, value: word("1") } satisfies Statement]
        : []),
    ];
  }

  /**
   * The prelude belongs to the statement that called for it: the failure policy when one is
   * written, else the target block, else the first step; the file's start only when it is empty.
   */
  private origin(markId: number): ScriptOrigin {
    const action = this.program.actions[markId];
    if (action)
      return {
        span: userSpan(action, this.program.file),
        action: markId,
        ...(action.span.file !== this.program.file ? { via: action.span } : {}),
      };
    const first = this.program.actions[0];
    const span =
      this.program.policy.span ?? this.program.target.span ?? (first ? userSpan(first, this.program.file) : undefined);
    return {
      span: span ?? { file: this.program.file, start: 0, end: 0, line: 1, column: 1, endLine: 1, endColumn: 1 },
    };
  }

  private line(action: Action): number {
    return userSpan(action, this.program.file).line;
  }

  private cite(action: Action, what: Word): void {
    const line = this.line(action);
    if (line !== this.lastCommentLine) {
      const source = this.options.linesOf(this.program.file)?.lineText(line).trim() ?? "";
      this.out.push(blank, comment(`${this.sourceName}:${line}: ${source}`));
      this.lastCommentLine = line;
    }
    // A step expanded from a library procedure also names the library line it comes from.
    let via = "";
    if (action.span.file !== this.program.file) {
      const library = `${basename(action.span.file)}:${action.span.line}`;
      const text = this.options.linesOf(action.span.file)?.lineText(action.span.line).trim() ?? "";
      this.out.push(comment(`(from ${library}: ${text})`));
      via = ` (${library})`;
    }
    this.out.push(cmd("echo", word(`bondc: ${this.sourceName}:${line}${via}: `, ...what)));
  }

  private run1(action: Action, step: Command | readonly Command[], what: string): void {
    for (const command of commands(step)) {
      this.processes++;
      this.out.push({ ...command, orElse: failCall(this.line(action), what) });
    }
  }

  private flag(variable: string): void {
    if (this.facts.flagsRead.has(variable)) this.out.push({ kind: "assign", variable, value: word("1") });
  }

  private step(action: Action, index: number): void {
    switch (action.kind) {
      case "discover": {
        this.cite(action, word(`read the ${action.field} of ${action.iface}`));
        const source = queryVar(action.iface);
        if (this.earlyProc === index) this.out.push(...this.procForReads(this.line(action)));
        if (!this.facts.queried.has(index)) {
          this.processes++;
          this.discoveryProcesses++;
          this.out.push({
            kind: "assign",
            variable: source,
            value: { capture: this.tools.query(action.iface) },
            orElse: failCall(this.line(action), this.tools.failed.query(action.iface)),
          });
        }
        const fail = failCall(this.line(action), this.tools.failed.read(action.field, action.iface));
        this.out.push(...this.tools.readField(source, this.facts.variables.get(action.id)!, action.field, fail));
        return;
      }
      case "node": {
        this.cite(action, word(`find this node's ${action.field} in the inventory`));
        const variable = this.facts.variables.get(action.id)!;
        const say = `bondc: ${this.sourceName}:${this.line(action)}: `;
        const fail = failCall(this.line(action), "finding this node in the inventory");
        this.out.push(
          ...nodeLookup(action, variable, this.options.clients ?? [], say, fail),
          ...nodeAddressFallback(this.program, action, variable),
        );
        return;
      }
      case "load": {
        const params = this.moduleParams(action);
        const shown = params.length > 0 ? ` (${params.map((p) => p.name).join(", ")})` : "";
        this.cite(action, word(`load the ${action.module} module${shown}`));
        this.run1(action, this.tools.load(action.module, params), this.tools.failed.load(action.module));
        if (action.module === "bonding") this.createBonds(action);
        return;
      }
      case "up": {
        const desc: Word = action.address
          ? word(`bring ${action.iface} up with `, ...this.valueWord(action.address))
          : word(`bring ${action.iface} up`);
        this.cite(action, desc);
        const args = {
          ...(action.address ? { address: this.valueWord(action.address) } : {}),
          ...(action.netmask ? { netmask: this.valueWord(action.netmask) } : {}),
          ...(action.broadcast ? { broadcast: this.valueWord(action.broadcast) } : {}),
          ...(action.hwaddr ? { hwaddr: this.valueWord(action.hwaddr) } : {}),
        };
        this.bondOptions(action);
        this.run1(action, this.tools.up(action.iface, args), this.tools.failed.up(action.iface));
        this.flag(upFlag(action.iface));
        if (action.gateway) {
          const gateway = this.valueWord(action.gateway);
          this.run1(
            action,
            this.tools.route(gateway),
            this.tools.failed.route(action.gateway.kind === "const" ? action.gateway.text : "the gateway"),
          );
        }
        return;
      }
      case "down": {
        const clear = this.enslavedLater(action.iface, index);
        this.cite(
          action,
          word(clear ? `take ${action.iface} down and drop its address for the bond` : `take ${action.iface} down`),
        );
        this.run1(action, this.tools.down(action.iface, clear), this.tools.failed.down(action.iface));
        return;
      }
      case "enslave":
        this.cite(action, word(`enslave ${action.slave} to ${action.bond}`));
        this.run1(
          action,
          this.tools.enslave(action.bond, action.slave),
          this.tools.failed.enslave(action.bond, action.slave),
        );
        this.flag(enslavedFlag(action.slave));
        return;
      case "vlan": {
        this.cite(action, word(`create ${action.iface}, VLAN ${action.id} on ${action.parent}`));
        this.run1(
          action,
          this.tools.createVlan(action.parent, action.id, action.iface),
          this.tools.failed.createVlan(action.iface),
        );
        return;
      }
      case "mount-proc":
        if (this.earlyProc !== undefined && (this.earlyProc === "prelude" || this.earlyProc < index)) {
          // Mounting it again would stack a second proc on /proc: the step only says so.
          this.cite(action, word("mount /proc: already mounted for the reads above"));
          return;
        }
        this.cite(action, word("mount /proc"));
        this.run1(action, this.tools.mountProc(), "mount /proc");
        this.flag(procFlag);
        return;
      case "wait-clients": {
        const clients = this.options.clients ?? [];
        this.cite(action, word(`wait for the inventory's ${clients.length} clients to answer`));
        const say = `bondc: ${this.sourceName}:${this.line(action)}: `;
        this.processes++;
        this.out.push(
          ...(this.target.waitForClients?.(action, clients, say, (what) => failCall(this.line(action), what)) ?? []),
        );
        return;
      }
      case "handoff": {
        this.cite(action, word(`hand the root over to ${this.target.describeHandoff(action)}`));
        this.out.push(
          ...this.target.handoff(action, this.carrier(index), this.valueWord, (what) =>
            failCall(this.line(action), what),
          ),
        );
        return;
      }
    }
  }

  /**
   * A server tells its neighbours where its address lives now (docs/cluster.md): a gratuitous ARP
   * from the bond, cited at the step that finished the bond, when the toolset has a program for
   * it. Clients never need it: nobody has their bond address cached before they boot. Its lines
   * belong to that step, so a hover of it (`only`) shows them as the whole script has them.
   */
  private announce(only: ReadonlySet<number> | undefined): void {
    const actions = this.program.actions;
    const last = this.facts.lastEnslave;
    if (!this.target.waitsForClients || last < 0 || (only && !only.has(last))) return;
    const carrier = this.carrier(actions.length);
    if (!carrier) return;
    const action = actions[last]!;
    this.out.push(mark(last));
    if (!this.tools.announce) {
      this.out.push(...driverAnnouncement(this.tools.name, carrier.iface, this.bondOf(carrier.iface)));
      return;
    }
    this.cite(action, word(`announce `, ...carrier.address, ` on ${carrier.iface} (gratuitous ARP)`));
    this.run1(
      action,
      this.tools.announce(carrier.iface, carrier.address),
      `announcing the address on ${carrier.iface}`,
    );
  }

  /**
   * A toolset that sets bonding options only as module parameters gets the options written in
   * bonds' up blocks on the load, along with the load statement's own.
   */
  private moduleParams(action: Extract<Action, { kind: "load" }>): ModuleParam[] {
    const params = new Map<string, ModuleParam>();
    const add = (name: string, values: readonly Value[]) => params.set(name, this.param(name, values));
    for (const p of action.params) add(p.name, p.values);
    if (action.module === "bonding" && this.tools.bondOptions === "module-parameters") {
      for (const bond of this.program.bonds.values()) {
        for (const option of bond.options.values()) if (!params.has(option.name)) add(option.name, option.values);
      }
    }
    return [...params.values()];
  }

  /**
   * A toolset that creates bonds itself does so right after the module load, each bond with all
   * its options (load parameters and up-block options merged), so two bonds can differ.
   */
  private createBonds(action: Extract<Action, { kind: "load" }>): void {
    const create = this.tools.createBond?.bind(this.tools);
    if (this.tools.bondOptions !== "at-creation" || !create) return;
    for (const bond of this.program.bonds.values()) {
      const options = [...bond.options.values()]
        .sort((a, b) => Number(b.name === "mode") - Number(a.name === "mode"))
        .map((o) => this.param(o.name, o.values));
      this.run1(
        action,
        create(bond.name, options),
        this.tools.failed.createBond?.(bond.name) ?? `creating ${bond.name}`,
      );
    }
  }

  /** A module parameter or bond option as one word, a list's values joined by commas. */
  private param(name: string, values: readonly Value[]): ModuleParam {
    return { name, value: values.flatMap((val, i) => (i === 0 ? this.valueWord(val) : [",", ...this.valueWord(val)])) };
  }

  /** A NIC taken down on its way into a bond loses its address, so only the bond carries it. */
  private enslavedLater(iface: string, index: number): boolean {
    return (interfaceUses(this.program.actions)(iface).lastEnslavedAt ?? -1) > index;
  }

  /**
   * A toolset that sets options per bond writes the ones in the bond's up block while the bond is
   * still down and has no slaves, which the driver requires of mode; mode goes first, since other
   * options are only accepted in the modes that use them.
   */
  private bondOptions(action: Extract<Action, { kind: "up" }>): void {
    const set = this.tools.bondOption?.bind(this.tools);
    if (this.tools.bondOptions !== "per-bond" || !set) return;
    const options = [...action.bondOptions].sort((a, b) => Number(b.name === "mode") - Number(a.name === "mode"));
    for (const option of options) {
      for (const value of option.values) {
        this.out.push({
          ...set(action.iface, option.name, this.valueWord(value)),
          orElse: failCall(this.line(action), `setting ${action.iface}'s ${option.name}`),
        });
      }
    }
  }

  /** The bond under an interface: itself, or a VLAN's parent. */
  private bondOf(iface: string): BondConfig | undefined {
    return this.program.bonds.get(this.program.interfaces.get(iface)?.vlan?.parent ?? iface);
  }

  private carrier(index: number): Carrier | undefined {
    // A handoff the kernel reads after the script exits (real-root-dev) is carried by what the
    // script leaves behind, not by what stands at the write.
    const { states } = this.options;
    const state = states[this.target.handoffExecs ? index : states.length - 1];
    if (!state) return undefined;
    const bondUp = (name: string | undefined) => {
      const s = name === undefined ? undefined : state.ifaces.get(name);
      return s?.kind === "bond" && s.power === "up" && s.slaves.length > 0;
    };
    for (const s of state.ifaces.values()) {
      // The bond itself, or a VLAN on it (bond0.100), whichever carries the node's address.
      const bond = s.kind === "vlan" ? this.program.interfaces.get(s.name)?.vlan?.parent : s.name;
      if ((s.kind === "bond" || s.kind === "vlan") && s.power === "up" && bondUp(bond) && s.address) {
        return {
          iface: s.name,
          address: this.valueWord(s.address),
          ...(s.netmask ? { netmask: this.valueWord(s.netmask) } : {}),
          // The aggregator's sysfs file is the bond's; a VLAN on it has none.
          ...(s.kind === "bond" && this.program.bonds.get(s.name)?.mode === "802.3ad" ? { aggregator: true } : {}),
        };
      }
    }
    return undefined;
  }
}

/**
 * Where the script must mount /proc before the program's own `mount proc` (Generator.earlyProc):
 * when the target starts without /proc, the toolset's query needs it, and a query runs before the
 * program mounts it: the fallback's snapshot (before every step), else the first `discover`.
 */
function earlyProcMount(
  program: Program,
  target: Target,
  tools: Toolset,
  facts: ProgramFacts,
): "prelude" | number | undefined {
  if (target.procAtStart || !tools.queryNeedsProc) return undefined;
  if (program.policy.kind === "fallback" && program.bootInterface) return "prelude";
  const first = facts.firstReadOrMount;
  return program.actions[first]?.kind === "discover" ? first : undefined;
}

export function generate(program: Program, options: GenerateOptions): GeneratedScript {
  return new Generator(program, options).run();
}
