import * as path from 'node:path';
import type { LayoutCache } from '@lhconf/format';
import type { Diagnostic, EvaluateResult } from '@lhconf/parser';
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiagnosticsScheduler } from './diagnostics.js';
import { OutputParseCache, ParseCache, type ParsedDocument } from './documents.js';
import { fileToUri, uriToFile } from './positions.js';
import { SettingsCache, type FileSettings } from './settings.js';

/** What `initializationOptions` may set. */
export interface ServerOptions {
  /** Quiet time after an edit before the document is linted again. Default 150 ms. */
  debounceMs?: number;
  /** A page documenting the rules (each rule has an `#<rule-id>` anchor): diagnostics link to it. */
  rulesDocUrl?: string;
}

/** The last lint of one document: what code actions and go-to-definition read. */
export interface LintOutcome {
  version: number;
  diagnostics: Diagnostic[];
  evaluation: EvaluateResult;
}

/** The state every feature shares; created by `createServer`. */
export class ServerContext {
  readonly parses = new ParseCache();
  /** Parses of each document's last formatted output (the formatter's safety check). */
  readonly outputParses = new OutputParseCache();
  /** Layouts of each document's top-level blocks, kept across versions (formatting). */
  readonly layouts = new Map<string, LayoutCache>();
  readonly settings = new SettingsCache();
  readonly lints = new Map<string, LintOutcome>();
  options: Required<Pick<ServerOptions, 'debounceMs'>> & ServerOptions = { debounceMs: 150 };
  /** Set by `createServer`: lints documents after edits. */
  diagnostics?: DiagnosticsScheduler;
  /** Workspace folders as paths, longest first: the `cwd` lighttpd would be started from. */
  folders: string[] = [];

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
  ) {}

  /** The parse of the document's current version and the settings that apply to it. */
  async parsed(uri: string): Promise<{ parsed: ParsedDocument; settings: FileSettings } | undefined> {
    const document = this.documents.get(uri);
    if (!document) return undefined;
    const settings = await this.settings.forFile(uriToFile(uri));
    // The document may have changed while the settings were read: parse what is current now.
    const current = this.documents.get(uri);
    if (!current) return undefined;
    return { parsed: this.parses.get(current, settings.fileConfig.targetVersion), settings };
  }

  /** The URI to publish a file's diagnostics under: the open document's own URI when it is open. */
  uriOf(file: string): string {
    for (const document of this.documents.all()) if (uriToFile(document.uri) === file) return document.uri;
    return fileToUri(file);
  }

  /** The directory lighttpd would start from: the workspace folder holding the file, else the file's own. */
  cwdFor(file: string): string {
    return this.folders.find((folder) => file.startsWith(folder + path.sep)) ?? path.dirname(path.resolve(file));
  }
}
