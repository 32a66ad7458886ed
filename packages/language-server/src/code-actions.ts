import { parseSuppressions } from '@lhconf/lint';
import type { Diagnostic, TextEdit } from '@lhconf/parser';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextDocumentEdit } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import { ENGINE_RULE_IDS } from './diagnostics.js';
import type { ParsedDocument } from './documents.js';
import { positionAt, toLspRange } from './positions.js';

/**
 * The edit that silences `ruleId` on `line` (1-based): another id in the `# lhconf-disable-next-line` comment
 * right above when there is one, else a new comment line above, indented like the line it silences.
 */
function disableEdit(parsed: ParsedDocument, line: number, ruleId: string) {
  const above = parseSuppressions(parsed.ast).find((s) => s.kind === 'disable-next-line' && s.comment.range.start.line === line - 1 && s.ruleIds.length > 0);
  if (above) {
    const text = above.comment.text;
    const last = above.ruleIds[above.ruleIds.length - 1]!;
    const end = text.indexOf(last, text.indexOf('lhconf-disable-next-line')) + last.length;
    // Comment text starts after the `#`.
    const at = positionAt(parsed.lines, above.comment.range.start.offset + 1 + end);
    return { range: { start: at, end: at }, newText: `, ${ruleId}` };
  }
  const lineStart = parsed.lines.lineStarts[line - 1]!;
  const indent = /^[ \t]*/.exec(parsed.text.slice(lineStart, lineStart + 200))![0];
  const start = { line: line - 1, character: 0 };
  return { range: { start, end: start }, newText: `${indent}# lhconf-disable-next-line ${ruleId}${parsed.ast.lineEnding}` };
}

/** The lhconf diagnostic an editor sends back: same rule, place and message (LSP drops our objects). */
function findOrigin(candidates: readonly Diagnostic[], file: string, lsp: LspDiagnostic): Diagnostic | undefined {
  return candidates.find(
    (d) =>
      d.range.file === file &&
      d.ruleId === lsp.code &&
      d.message === lsp.message &&
      d.range.start.line - 1 === lsp.range.start.line &&
      d.range.start.column - 1 === lsp.range.start.character,
  );
}

/** textDocument/codeAction: each diagnostic's fix (safe or unsafe, said in the title) and "disable <rule> for this line". */
export async function codeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const uri = params.textDocument.uri;
  const found = await ctx.parsed(uri);
  const outcome = ctx.lints.get(uri);
  if (!found || !outcome || outcome.version !== found.parsed.version) return [];
  const { parsed } = found;
  const versioned = (fileUri: string) => ({ uri: fileUri, version: fileUri === uri ? parsed.version : (ctx.documents.get(fileUri)?.version ?? null) });
  const workspaceEdit = (edits: readonly TextEdit[]) => {
    const byUri = new Map<string, TextDocumentEdit>();
    for (const e of edits) {
      const fileUri = ctx.uriOf(e.range.file);
      const change = byUri.get(fileUri) ?? { textDocument: versioned(fileUri), edits: [] };
      change.edits.push({ range: toLspRange(e.range), newText: e.text });
      byUri.set(fileUri, change);
    }
    return { documentChanges: [...byUri.values()] };
  };

  const actions: CodeAction[] = [];
  const wanted = params.context.only;
  const quickfixWanted = !wanted || wanted.some((kind) => CodeActionKind.QuickFix.startsWith(kind));
  if (!quickfixWanted) return actions;
  for (const lsp of params.context.diagnostics) {
    if (lsp.source !== 'lhconf' || typeof lsp.code !== 'string') continue;
    const origin = findOrigin(outcome.diagnostics, parsed.file, lsp);
    if (!origin) continue;
    if (origin.fix) {
      actions.push({
        title: `${origin.fix.title} (${origin.fix.safe ? 'safe fix' : 'unsafe fix: changes what lighttpd does'})`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [lsp],
        isPreferred: origin.fix.safe,
        edit: workspaceEdit(origin.fix.edits),
      });
    }
    if (ENGINE_RULE_IDS.has(origin.ruleId)) continue;
    actions.push({
      title: `Disable ${origin.ruleId} for this line`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [lsp],
      edit: { documentChanges: [{ textDocument: versioned(uri), edits: [disableEdit(parsed, origin.range.start.line, origin.ruleId)] }] },
    });
  }
  return actions;
}
