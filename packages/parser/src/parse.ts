import type { Document } from './ast.js';
import type { Diagnostic } from './diagnostic.js';

export interface ParseOptions {
  /** Path used in ranges and messages. Default `<input>`. */
  file?: string;
  /** lighttpd release whose syntax applies (`if`/`elif` need 1.4.74). Default LATEST_VERSION. */
  targetVersion?: string;
}

export interface ParseResult {
  /** Always present, even for broken input (error recovery keeps the intact statements). */
  ast: Document;
  /** Syntax problems (ruleId `syntax`), each with a range, what was found and what was expected. */
  diagnostics: Diagnostic[];
}

/** Parses one file's text. Never throws. (Implementation in progress.) */
export function parse(_text: string, _options: ParseOptions = {}): ParseResult {
  throw new Error('parse: not implemented yet');
}

/** Decodes bytes (BOM, UTF-8, else latin1 so that every byte survives) and parses them. */
export function parseBytes(_bytes: Uint8Array, _options: ParseOptions = {}): ParseResult {
  throw new Error('parseBytes: not implemented yet');
}

export function decodeBytes(_bytes: Uint8Array): { text: string; bom: boolean; encoding: 'utf8' | 'latin1' } {
  throw new Error('decodeBytes: not implemented yet');
}
