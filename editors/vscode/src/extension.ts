// The VS Code client: starts the bundled lhconf language server (dist/server.js) with VS Code's own Node
// for lighttpd documents. The server registers its own watchers for .lhconfrc.json and .editorconfig.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
// The server's Node flags, so that it starts with them instead of relaunching itself (only this constant is bundled).
import { SERVER_NODE_FLAGS } from '../../../packages/language-server/src/node-flags.js';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration('lhconf');
  const custom = settings.get<string>('server.path');
  const module = custom ? custom : context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.stdio, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'lighttpd' }],
    initializationOptions: { debounceMs: settings.get<number>('lint.debounceMs', 150) },
  };
  client = new LanguageClient('lhconf', 'lhconf (lighttpd)', serverOptions, clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
