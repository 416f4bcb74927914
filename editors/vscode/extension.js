"use strict";
// Starts `bondc lsp --stdio` for .bond files; every feature (diagnostics, completion, hover,
// go to definition, rename, quick fixes, formatting, semantic highlighting) comes from the server.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

/** @type {LanguageClient | undefined} */
let client;

/** @param {import("vscode").ExtensionContext} context */
async function activate(context) {
  const command = vscode.workspace.getConfiguration("bondc").get("path", "bondc");
  client = new LanguageClient(
    "bondc",
    "bondc",
    { command, args: ["lsp", "--stdio"] },
    {
      documentSelector: [
        { scheme: "file", language: "bond" },
        { scheme: "untitled", language: "bond" },
      ],
    },
  );
  context.subscriptions.push(client);
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
