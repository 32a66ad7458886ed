import { fileURLToPath } from 'node:url';
import {
  createConnection,
  DidChangeWatchedFilesNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions } from './code-actions.js';
import { complete } from './completion.js';
import { ServerContext, type ServerOptions } from './context.js';
import { definition } from './definition.js';
import { DiagnosticsScheduler } from './diagnostics.js';
import { documentSymbols } from './document-symbols.js';
import { foldingRanges } from './folding-ranges.js';
import { formatDocument, formatDocumentRange } from './formatting.js';
import { hover } from './hover.js';
import { WATCHED_FILE_NAMES } from './settings.js';
import { VERSION } from './version.js';

/** Characters after which editors ask for completion without a keystroke shortcut. */
const TRIGGER_CHARACTERS = ['.', '"', '[', '$', '=', ' ', '('];

/** Wires every feature to a connection; `startServer` calls it with stdio. Returns the shared state (tests, bench). */
export function createServer(connection: Connection): ServerContext {
  const documents = new TextDocuments(TextDocument);
  const ctx = new ServerContext(connection, documents);
  const diagnostics = new DiagnosticsScheduler(ctx);
  ctx.diagnostics = diagnostics;
  let watchDynamically = false;

  connection.onInitialize((params): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ServerOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) ctx.options.debounceMs = options.debounceMs;
    if (typeof options.rulesDocUrl === 'string') ctx.options.rulesDocUrl = options.rulesDocUrl;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    ctx.folders = folders.filter((uri) => uri.startsWith('file:')).map((uri) => fileURLToPath(uri)).sort((a, b) => b.length - a.length);
    watchDynamically = params.capabilities?.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      serverInfo: { name: 'lhconf-language-server', version: VERSION },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        hoverProvider: true,
        completionProvider: { triggerCharacters: TRIGGER_CHARACTERS },
        definitionProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
      },
    };
  });

  connection.onInitialized(() => {
    if (!watchDynamically) return;
    const globPattern = `**/{${WATCHED_FILE_NAMES.join(',')}}`;
    // A client that refuses leaves settings as first read; that is no reason to stop serving.
    connection.client
      .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] })
      .catch((err: unknown) => connection.console.warn(`lhconf: cannot watch config files: ${(err as Error).message}`));
  });

  // Any lhconf config or .editorconfig changed: forget every cached setting and lint the open files again.
  connection.onDidChangeWatchedFiles(() => {
    ctx.settings.reload();
    diagnostics.scheduleAll();
  });

  documents.onDidOpen((e) => diagnostics.schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => diagnostics.schedule(e.document.uri));
  documents.onDidClose((e) => {
    ctx.parses.delete(e.document.uri);
    ctx.outputParses.delete(e.document.uri);
    ctx.layouts.delete(e.document.uri);
    diagnostics.close(e.document.uri);
  });

  connection.onDocumentFormatting((params) => formatDocument(ctx, params));
  connection.onDocumentRangeFormatting((params) => formatDocumentRange(ctx, params));
  connection.onCodeAction((params) => codeActions(ctx, params));
  connection.onHover((params) => hover(ctx, params));
  connection.onCompletion((params) => complete(ctx, params));
  connection.onDefinition((params) => definition(ctx, params));
  connection.onDocumentSymbol((params) => documentSymbols(ctx, params));
  connection.onFoldingRanges((params) => foldingRanges(ctx, params));

  documents.listen(connection);
  return ctx;
}

/** Starts the server on stdin/stdout (`lhconf-language-server`, `lhconf lsp`). */
export function startServer(): ServerContext {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const ctx = createServer(connection);
  connection.listen();
  return ctx;
}
