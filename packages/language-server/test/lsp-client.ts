// A real LSP client for the tests: spawns the server over stdio and speaks JSON-RPC to it with
// vscode-languageserver-protocol, the library VS Code's own client is built on.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../src/node-flags.js';
import {
  createProtocolConnection,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type InitializeParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  /** The capabilities the server registered (client/registerCapability). */
  registrations: unknown[];
  /** Every publishDiagnostics received, in order. */
  published: PublishDiagnosticsParams[];
  /** Resolves with the first diagnostics for `uri` (after those already seen) that satisfy `accept`. */
  diagnostics(uri: string, accept?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  stop(): Promise<void>;
}

/** Runs the server from its sources, with its Node flags (as the VS Code extension starts it: no relaunch). */
export const SOURCE_SERVER = [...SERVER_NODE_FLAGS, '--conditions=@lhconf/source', '--import', 'tsx', 'packages/language-server/src/bin.ts', '--stdio'];

/** Starts the server (node with `args`, from the repository root) and initializes it with `rootPath` as the workspace folder. */
export async function startClient(rootPath: string, init: Partial<InitializeParams> = {}, args: string[] = SOURCE_SERVER): Promise<TestClient & { initializeResult: InitializeResult }> {
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    published.push(p);
    const i = waiters.findIndex((w) => w.uri === p.uri && w.accept(p));
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(p);
  });
  // What an editor does with the server's watcher registration: accept it (the tests send the changes).
  const registrations: unknown[] = [];
  connection.onRequest(RegistrationRequest.type, (params) => void registrations.push(...params.registrations));
  connection.listen();
  const rootUri = new URL(`file://${rootPath}/`).href.replace(/\/$/, '');
  const initializeResult = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'root' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: { debounceMs: 30 },
    ...init,
  });
  connection.sendNotification('initialized', {});
  return {
    initializeResult,
    connection,
    process: child,
    published,
    registrations,
    diagnostics: (uri, accept = () => true, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri, accept, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      }),
    async stop() {
      await connection.sendRequest('shutdown').catch(() => undefined);
      connection.sendNotification('exit');
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => (child.kill(), resolve()), 3000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
      });
      connection.dispose();
    },
  };
}
