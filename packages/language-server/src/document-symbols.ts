import type { Statement } from '@lhconf/parser';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams } from 'vscode-languageserver';
import type { ServerContext } from './context.js';
import type { ParsedDocument } from './documents.js';
import { toLspRange } from './positions.js';

const MAX_DETAIL = 60;

function sourceOf(parsed: ParsedDocument, range: { start: { offset: number }; end: { offset: number } }): string {
  const text = parsed.text.slice(range.start.offset, range.end.offset).replace(/\s+/g, ' ');
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/** The outline of a list of statements: conditionals (with their branches) and global blocks nest. */
function symbolsOf(parsed: ParsedDocument, body: readonly Statement[]): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const statement of body) {
    const range = toLspRange(statement.range);
    switch (statement.type) {
      case 'Assignment':
        out.push({
          name: statement.key.name,
          detail: `${statement.operator.value} ${sourceOf(parsed, statement.value.range)}`,
          kind: statement.key.name.startsWith('var.') ? SymbolKind.Variable : SymbolKind.Property,
          range,
          selectionRange: toLspRange(statement.key.range),
        });
        break;
      case 'Conditional':
        for (const branch of statement.branches) {
          const head = branch.condition ? sourceOf(parsed, branch.condition.range) : '';
          const words = branch.keywords.map((k) => k.value).join(' ');
          out.push({
            name: [words, head].filter(Boolean).join(' '),
            kind: SymbolKind.Namespace,
            range: toLspRange(branch.range),
            selectionRange: toLspRange(branch.condition?.range ?? branch.keywords[0]?.range ?? branch.open),
            children: symbolsOf(parsed, branch.body),
          });
        }
        break;
      case 'GlobalBlock':
        out.push({ name: 'global', kind: SymbolKind.Namespace, range, selectionRange: toLspRange(statement.keyword), children: symbolsOf(parsed, statement.body) });
        break;
      case 'Include':
      case 'IncludeShell':
        out.push({
          name: `${statement.type === 'Include' ? 'include' : 'include_shell'} ${sourceOf(parsed, statement.argument.range)}`,
          kind: SymbolKind.File,
          range,
          selectionRange: toLspRange(statement.argument.range),
        });
        break;
    }
  }
  return out;
}

/** textDocument/documentSymbol: the outline of conditionals, blocks, assignments and includes. */
export async function documentSymbols(ctx: ServerContext, params: DocumentSymbolParams): Promise<DocumentSymbol[]> {
  const found = await ctx.parsed(params.textDocument.uri);
  return found ? symbolsOf(found.parsed, found.parsed.ast.body) : [];
}
