import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { DefinitionParams, Location } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import { findDefinition, nodesAt, referencedKey } from './node-at.js';
import { fileToUri, offsetAt, toLspRange } from './positions.js';

const START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** textDocument/definition: `var.x` → the assignment it reads; `include "x.conf"` → the files it reads. */
export async function definition(ctx: ServerContext, params: DefinitionParams): Promise<Location[] | null> {
  const found = await ctx.parsed(params.textDocument.uri);
  if (!found) return null;
  const { parsed } = found;
  const offset = offsetAt(parsed.lines, params.position);
  const path_ = nodesAt(parsed.ast, offset);
  const reference = [...path_].reverse().find((n) => n.type === 'Reference');
  if (reference?.type === 'Reference') {
    const assignment = findDefinition(parsed.ast, referencedKey(reference.name), reference.range.start.offset);
    return assignment ? [{ uri: params.textDocument.uri, range: toLspRange(assignment.key.range) }] : null;
  }
  const include = path_.find((n) => n.type === 'Include');
  if (include?.type !== 'Include') return null;
  // The evaluator knows what lighttpd reads (variables joined, globs expanded, paths resolved).
  const cwd = ctx.cwdFor(parsed.file);
  const outcome = ctx.lints.get(params.textDocument.uri);
  const record = outcome?.version === parsed.version ? outcome.evaluation.includes.find((r) => r.node === include) : undefined;
  if (record) return record.paths.map((p) => ({ uri: fileToUri(path.resolve(cwd, p)), range: START }));
  if (include.argument.type !== 'StringLiteral') return null;
  const target = path.resolve(path.dirname(parsed.file), include.argument.value);
  return existsSync(target) ? [{ uri: fileToUri(target), range: START }] : null;
}
