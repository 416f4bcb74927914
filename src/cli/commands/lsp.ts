import { parseArgs } from "node:util";
import { createConnection, StreamMessageReader, StreamMessageWriter } from "vscode-languageserver/node.js";
import { startServer } from "../../lsp/server.js";
import type { Command } from "../command.js";
import { UsageError } from "../io.js";

export const lspCommand: Command = {
  run(args) {
    const { values } = parseArgs({ args, options: { stdio: { type: "boolean" } } });
    if (!values.stdio)
      throw new UsageError("lsp speaks the Language Server Protocol over stdin/stdout: run `bondc lsp --stdio`");
    startServer(createConnection(new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout)));
    // The server lives until the client sends `exit` or closes stdin; the library then exits the
    // process with the protocol's status (0 after a shutdown request, 1 otherwise).
    return new Promise<number>(() => {});
  },
};
