/** One `bondc` subcommand. Each lives in commands/<name>.ts and is listed in main.ts. */
export interface Command {
  readonly name: string;
  /** `compile FILE [-o OUT]` */
  readonly usage: string;
  readonly summary: string;
  /** Returns the exit status: 0 success, 1 findings, 2 usage or I/O error. */
  run(args: string[]): number | Promise<number>;
}
