/** One `bondc` subcommand. Each lives in commands/<name>.ts and is listed, with its usage, in commands.ts. */
export interface Command {
  /** Returns the exit status: 0 success, 1 findings, 2 usage or I/O error. */
  run(args: string[]): number | Promise<number>;
}
