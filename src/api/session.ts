import { diskHost, sourceFromText, type CompileHost, type SourceFile } from "../semantic/sources.js";
import { IncrementalParser } from "../syntax/incremental/incremental-parse.js";
import { check, type CheckMemo, type CheckOptions, type CheckResult } from "./check.js";

export interface SessionOptions {
  readonly registry?: CheckOptions["registry"];
  /** The text length from which the file is parsed in chunks; tests set 0 to chunk every file. */
  readonly chunkedFrom?: number;
}

/**
 * One document as an editor changes it. Each check() of a new text equals check() of that text
 * (a property test holds it to that), but reuses what the previous texts' checks computed where
 * the edit left it valid: the parse of every top-level statement the edit did not touch, the
 * parses of imported files whose text did not change, and the lowering (names, types, boot
 * actions) of the statements before the edit. Memory: what the latest text needs, nothing older,
 * however long the session.
 */
export class CheckSession {
  private readonly parser: IncrementalParser;
  private sources = new Map<string, SourceFile>();
  private readonly memo: CheckMemo = {};

  constructor(
    readonly file: string,
    private readonly options: SessionOptions = {},
  ) {
    this.parser = new IncrementalParser(options.chunkedFrom);
  }

  /** The check of `text`, the document's newest text, reading imports through `host`. */
  check(text: string, host: CompileHost = diskHost): CheckResult {
    const kept = new Map<string, SourceFile>();
    const toSource = (path: string, imported: string): SourceFile => {
      const known = this.sources.get(path);
      const source = known?.text === imported ? known : sourceFromText(path, imported);
      kept.set(path, source);
      return source;
    };
    const result = check(text, this.file, host, {
      ...(this.options.registry ? { registry: this.options.registry } : {}),
      parsed: this.parser.parse(text, this.file),
      toSource,
      memo: this.memo,
    });
    this.sources = kept;
    return result;
  }
}
