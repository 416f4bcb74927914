import { diskHost, sourceFromText, type CompileHost, type SourceFile } from "../semantic/sources.js";
import { IncrementalParser } from "../syntax/incremental/incremental-parse.js";
import {
  checkLowered,
  lowerText,
  reaches,
  type CheckLevel,
  type CheckMemo,
  type CheckOptions,
  type CheckResult,
  type LoweredCheck,
} from "./check.js";

export interface SessionOptions {
  readonly registry?: CheckOptions["registry"];
}

/**
 * One document as an editor changes it. Each check() of a new text equals check() of that text
 * (a property test holds it to that), but reuses what the previous texts' checks computed where
 * the edit left it valid: the parse of every top-level statement the edit did not touch, the
 * parses of imported files whose text did not change, the lowering (names, types, boot actions,
 * reports) of the statements before the edit and of those after it whose inputs it left alone
 * (ir/item-memo.ts), the boot simulation before the first action that changed and, when the edit
 * replaced actions by as many others, after the last (analysis/resume.ts), and the checks'
 * reports when the program is the very same (checks/same-program.ts). A check may stop short of
 * the checks (CheckLevel) and be carried further later (deepen), at the cost of what it skipped.
 * Memory: what the latest text needs, nothing older, however long the session.
 *
 * A result is valid until the session's next check: the statements after an edit keep their
 * objects and are moved in place (syntax/incremental/shift.ts), and the simulation is resumed
 * in place, so an older result's spans and boot states change under whoever still holds it.
 */
export class CheckSession {
  private readonly parser = new IncrementalParser();
  private sources = new Map<string, SourceFile>();
  private readonly memo: CheckMemo = {};
  /** The latest check's result and the lowering it was made from, which deepen() goes on from. */
  private latest?: { readonly result: CheckResult; readonly lowered: LoweredCheck };

  constructor(
    readonly file: string,
    private readonly options: SessionOptions = {},
  ) {}

  /** The check of `text`, the document's newest text, reading imports through `host`, as far as `options.level` asks. */
  check(text: string, host: CompileHost = diskHost, options: Pick<CheckOptions, "level"> = {}): CheckResult {
    const kept = new Map<string, SourceFile>();
    const toSource = (path: string, imported: string): SourceFile => {
      const known = this.sources.get(path);
      const source = known?.text === imported ? known : sourceFromText(path, imported);
      kept.set(path, source);
      return source;
    };
    const registry = this.options.registry ? { registry: this.options.registry } : {};
    const lowered = lowerText(text, this.file, host, {
      ...registry,
      parsed: this.parser.parse(text, this.file),
      toSource,
      memo: this.memo,
    });
    this.sources = kept;
    const result = checkLowered(lowered, { ...registry, memo: this.memo, ...options });
    this.latest = { result, lowered };
    return result;
  }

  /**
   * The latest check carried on to `level`: the same text and imports, not parsed and lowered
   * again, the simulation resumed from the one before (all of it the same), the checks run or
   * their reports taken over. Undefined when `result` is not the session's latest check.
   */
  deepen(result: CheckResult, level: CheckLevel): CheckResult | undefined {
    if (this.latest?.result !== result) return undefined;
    if (reaches(result.level, level)) return result;
    const registry = this.options.registry ? { registry: this.options.registry } : {};
    const deeper = checkLowered(this.latest.lowered, { ...registry, memo: this.memo, level });
    this.latest = { result: deeper, lowered: this.latest.lowered };
    return deeper;
  }
}
