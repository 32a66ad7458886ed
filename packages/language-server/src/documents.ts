import { LineMap, parse, reparse, type Diagnostic, type Document, type ParseResult } from '@lhconf/parser';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { uriToFile } from './positions.js';

/** One version of an open document, parsed once. */
export interface ParsedDocument {
  uri: string;
  /** The path lhconf ranges carry (the URI's file path). */
  file: string;
  version: number;
  text: string;
  targetVersion: string;
  ast: Document;
  /** The parser's diagnostics (ruleId `syntax`). */
  syntax: Diagnostic[];
  /** Line starts of `text`, made on first use. */
  readonly lines: LineMap;
}

/** True when the parser found an error (not a warning): the formatter refuses such text. */
export function hasSyntaxError(parsed: ParsedDocument): boolean {
  return parsed.syntax.some((d) => d.severity === 'error');
}

/**
 * Parses each document version once: every feature asks the cache, and a new version (or another target
 * release from the config) replaces the entry. A new version of the same document is re-parsed
 * incrementally (`reparse`): only the top-level statements around the edit are read again, and the
 * previous version's tree is consumed — nothing may keep using an older ParsedDocument's `ast` (features
 * check the version of what they hold: code actions, definitions).
 */
export class ParseCache {
  private readonly entries = new Map<string, ParsedDocument>();
  /** How many parses ran; the protocol tests check that features share them. */
  parses = 0;

  get(document: TextDocument, targetVersion: string): ParsedDocument {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.targetVersion === targetVersion) return cached;
    const file = uriToFile(document.uri);
    const text = document.getText();
    this.parses++;
    const options = { file, targetVersion };
    // reparse itself parses afresh when the file or target version differ from the previous version's.
    const { ast, diagnostics } = cached ? reparse({ ast: cached.ast, diagnostics: cached.syntax }, text, options) : parse(text, options);
    // Line starts only for the features that map positions: a re-lint after an edit needs none.
    let lines: LineMap | undefined;
    const parsed: ParsedDocument = {
      uri: document.uri,
      file,
      version: document.version,
      text,
      targetVersion,
      ast,
      syntax: diagnostics,
      get lines() {
        return (lines ??= new LineMap(text));
      },
    };
    this.entries.set(document.uri, parsed);
    return parsed;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}

/**
 * The parse of the last formatted output of each document, for the formatter's safety check: the next format
 * of the same document mostly prints nearly the same text, so its output is re-parsed incrementally from this
 * one (`reparse`) instead of from scratch. Owned here alone, since `reparse` consumes what it is given.
 */
export class OutputParseCache {
  private readonly entries = new Map<string, ParseResult>();

  /** Parses `output` (formatted text of document `uri`) and keeps the result for the next call. */
  parse(uri: string, output: string, options: { file: string; targetVersion: string }): ParseResult {
    const previous = this.entries.get(uri);
    // Delete first: `reparse` consumes `previous` whatever happens next.
    this.entries.delete(uri);
    const result = previous ? reparse(previous, output, options) : parse(output, options);
    this.entries.set(uri, result);
    return result;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
