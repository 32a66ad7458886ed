import { renderDiagnostic } from '@lhconf/lint';
import { chalkFor } from '../color.js';
import { countDiagnostics, type Counts, type Reporter } from './types.js';

/**
 * For people: problems grouped by file, each as a code frame with its rule id, related places, include chain
 * and fix hint, then one summary line. Nothing at all when there is nothing to report.
 */
export const stylish: Reporter = (report, { color }) => {
  const chalk = chalkFor(color);
  const out: string[] = [];
  for (const result of report.results) {
    if (result.diagnostics.length === 0) continue;
    out.push(chalk.underline(result.file));
    for (const d of result.diagnostics) {
      const frame = renderDiagnostic(d, d.range.file === result.file ? result.source : undefined, { color });
      out.push(indent(frame), '');
    }
  }
  const counts = countDiagnostics(report.results.flatMap((r) => r.diagnostics));
  const total = counts.errors + counts.warnings + counts.infos;
  if (total === 0) return '';
  const paint = counts.errors > 0 ? chalk.red.bold : counts.warnings > 0 ? chalk.yellow.bold : chalk.blue.bold;
  out.push(paint(`✖ ${plural(total, 'problem')} (${severitySummary(counts)})`));
  const hint = fixHint(counts);
  if (hint) out.push(paint(`  ${hint}`));
  return `${out.join('\n')}\n`;
};

function severitySummary(counts: Counts): string {
  const parts = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning')];
  if (counts.infos > 0) parts.push(plural(counts.infos, 'info'));
  return parts.join(', ');
}

function fixHint(counts: Counts): string | undefined {
  const parts: string[] = [];
  if (counts.fixable > 0) parts.push(`${counts.fixable} fixable with --fix`);
  if (counts.fixableUnsafe > 0) parts.push(`${counts.fixableUnsafe} more with --fix-unsafe (changes meaning: review)`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}
