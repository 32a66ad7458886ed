import { diagnosticLine } from '../diagnostic-line.js';
import type { Reporter } from './types.js';

/** One line per problem, as compilers print them: `file:line:col: severity: message [rule]`. */
export const compact: Reporter = (report) =>
  report.results
    .flatMap((r) => r.diagnostics)
    .map((d) => `${diagnosticLine(d)} [${d.ruleId}]\n`)
    .join('');
