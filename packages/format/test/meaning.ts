import { evaluateDocument, printConfig, type Document } from '@lhconf/parser';

/**
 * What lighttpd makes of a config: `lighttpd -p` text from the evaluator plus the semantic messages (without
 * line numbers, which formatting changes). Fixed cwd, pid and environment, so two runs compare equal; includes are
 * read relative to `cwd` and include_shell is not run, the same for both sides.
 */
export function meaningOf(ast: Document, cwd: string): string {
  const result = evaluateDocument(ast, { cwd, pid: 4242, env: { HOME: '/home/x', PORT: '8080' }, targetVersion: '1.4.69' });
  // Messages cite other lines ("already set in this block (line 7)"); formatting moves lines.
  const messages = result.diagnostics.map((d) => `${d.severity}: ${d.message.replace(/\bline \d+/g, 'line N')}`);
  return `${printConfig(result, { targetVersion: '1.4.69' })}\n${messages.join('\n')}`;
}
