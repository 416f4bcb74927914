import { CstParser, type CstNode } from "chevrotain";
import { syntaxMessages } from "./messages.js";
import * as T from "./tokens.js";

/**
 * The .bond grammar as a chevrotain CST parser. grammar/bond.ebnf is the normative text of the
 * same grammar; test/grammar/ keeps the two in step. One instance is built once and
 * reused (chevrotain's self-analysis is the expensive part), with error recovery on, so a broken
 * file still yields a tree and every later statement is still checked.
 *
 * The shared instance skips chevrotain's grammar validations (ambiguities, left recursion: a
 * third of building the parser, paid on every cold start); validateGrammar() runs them, and a
 * test keeps the grammar passing them.
 */
class BondParser extends CstParser {
  constructor(validate = false) {
    super([...T.allTokens], {
      skipValidations: !validate,
      recoveryEnabled: true,
      maxLookahead: 3,
      nodeLocationTracking: "full",
      errorMessageProvider: syntaxMessages,
    });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", () => {
    this.MANY(() => this.SUBRULE(this.item));
  });

  item = this.RULE("item", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.targetDecl) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.procDecl) },
      { ALT: () => this.SUBRULE(this.inventoryDecl) },
      { ALT: () => this.SUBRULE(this.statement) },
    ]);
  });

  targetDecl = this.RULE("targetDecl", () => {
    this.CONSUME(T.Target);
    this.CONSUME(T.Ident);
    this.SUBRULE(this.settingsBlock);
  });

  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.StringLit);
  });

  inventoryDecl = this.RULE("inventoryDecl", () => {
    this.CONSUME(T.Inventory);
    this.CONSUME(T.StringLit);
    this.OPTION(() => this.SUBRULE(this.settingsBlock));
  });

  procDecl = this.RULE("procDecl", () => {
    this.CONSUME(T.Proc);
    this.CONSUME(T.Ident);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.param) });
    this.CONSUME(T.RParen);
    this.SUBRULE(this.block);
  });

  param = this.RULE("param", () => {
    this.CONSUME(T.Ident);
    this.CONSUME(T.Colon);
    this.CONSUME2(T.Ident);
  });

  block = this.RULE("block", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.statement));
    this.CONSUME(T.RCurly);
  });

  statement = this.RULE("statement", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.letStmt) },
      { ALT: () => this.SUBRULE(this.ifaceStmt) },
      { ALT: () => this.SUBRULE(this.loadStmt) },
      { ALT: () => this.SUBRULE(this.upStmt) },
      { ALT: () => this.SUBRULE(this.downStmt) },
      { ALT: () => this.SUBRULE(this.enslaveStmt) },
      { ALT: () => this.SUBRULE(this.mountStmt) },
      { ALT: () => this.SUBRULE(this.handoffStmt) },
      { ALT: () => this.SUBRULE(this.waitStmt) },
      { ALT: () => this.SUBRULE(this.onFailureStmt) },
      { ALT: () => this.SUBRULE(this.callStmt) },
    ]);
  });

  letStmt = this.RULE("letStmt", () => {
    this.CONSUME(T.Let);
    this.CONSUME(T.Ident);
    this.OPTION(() => {
      this.CONSUME(T.Colon);
      this.CONSUME2(T.Ident);
    });
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  ifaceStmt = this.RULE("ifaceStmt", () => {
    this.CONSUME(T.Iface);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.Ident) });
  });

  loadStmt = this.RULE("loadStmt", () => {
    this.CONSUME(T.Load);
    this.SUBRULE(this.expr);
    this.MANY(() => this.SUBRULE(this.moduleOption));
  });

  moduleOption = this.RULE("moduleOption", () => {
    this.CONSUME(T.Ident);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.expr);
  });

  upStmt = this.RULE("upStmt", () => {
    this.CONSUME(T.Up);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.SUBRULE(this.settingsBlock));
  });

  downStmt = this.RULE("downStmt", () => {
    this.CONSUME(T.Down);
    this.SUBRULE(this.exprList);
  });

  enslaveStmt = this.RULE("enslaveStmt", () => {
    this.CONSUME(T.Enslave);
    this.SUBRULE(this.exprList);
    this.CONSUME(T.To);
    this.SUBRULE(this.expr);
  });

  mountStmt = this.RULE("mountStmt", () => {
    this.CONSUME(T.Mount);
    // `proc` is also the keyword that declares procedures.
    this.OR([{ ALT: () => this.CONSUME(T.Proc) }, { ALT: () => this.CONSUME(T.Ident) }]);
  });

  handoffStmt = this.RULE("handoffStmt", () => {
    this.CONSUME(T.Handoff);
    this.SUBRULE(this.expr);
    this.OPTION(() => this.SUBRULE(this.settingsBlock));
  });

  waitStmt = this.RULE("waitStmt", () => {
    this.CONSUME(T.Wait);
    this.CONSUME(T.Ident);
    this.OPTION(() => this.SUBRULE(this.settingsBlock));
  });

  onFailureStmt = this.RULE("onFailureStmt", () => {
    this.CONSUME(T.On);
    this.CONSUME(T.Failure);
    this.CONSUME(T.Ident);
  });

  callStmt = this.RULE("callStmt", () => {
    this.CONSUME(T.Ident);
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
    this.CONSUME(T.RParen);
  });

  settingsBlock = this.RULE("settingsBlock", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => this.SUBRULE(this.setting));
    this.CONSUME(T.RCurly);
  });

  setting = this.RULE("setting", () => {
    this.CONSUME(T.Ident);
    this.SUBRULE(this.exprList);
  });

  exprList = this.RULE("exprList", () => {
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expr) });
  });

  expr = this.RULE("expr", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.Iface);
          this.CONSUME(T.Ident);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Discover);
          this.CONSUME2(T.Ident);
          this.CONSUME(T.Dot);
          this.CONSUME3(T.Ident);
        },
      },
      { ALT: () => this.CONSUME(T.Ipv4Lit) },
      { ALT: () => this.CONSUME(T.MacLit) },
      { ALT: () => this.CONSUME(T.IntLit) },
      { ALT: () => this.CONSUME(T.PrefixLit) },
      { ALT: () => this.CONSUME(T.StringLit) },
      { ALT: () => this.CONSUME(T.Mode8023ad) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => this.CONSUME4(T.Ident) },
    ]);
  });
}

let instance: BondParser | undefined;

/** The shared parser; building it runs chevrotain's grammar analysis, so it is done once. */
export function bondParser(): BondParser {
  instance ??= new BondParser();
  return instance;
}

/** Builds a parser with chevrotain's grammar validations on; throws when the grammar fails them. */
export function validateGrammar(): void {
  new BondParser(true);
}

export type { BondParser, CstNode };
