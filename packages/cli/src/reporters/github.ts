import type { Severity } from '@lhconf/lint';
import type { Reporter } from './types.js';

const command = { error: 'error', warning: 'warning', info: 'notice' } as const satisfies Record<Severity, string>;

/** GitHub Actions workflow commands: each problem becomes an annotation on the pull request's diff. */
export const github: Reporter = (report) =>
  report.results
    .flatMap((r) => r.diagnostics)
    .map((d) => {
      const { start, end } = d.range;
      const props = [
        `file=${escapeProperty(d.range.file)}`,
        `line=${start.line}`,
        `col=${start.column}`,
        `endLine=${end.line}`,
        `endColumn=${end.column}`,
        `title=${escapeProperty(d.ruleId)}`,
      ];
      return `::${command[d.severity]} ${props.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts (escapeData / escapeProperty)
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
