import { formatLocation, type Diagnostic } from '@lhconf/parser';

/** `file:line:col: severity: message`, as compilers print it; the message on one line. */
export function diagnosticLine(d: Diagnostic): string {
  return `${formatLocation(d.range)}: ${d.severity}: ${d.message.replace(/\s*\n\s*/g, ' ')}`;
}
