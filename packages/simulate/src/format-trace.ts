import type { SourceRange } from '@lhconf/parser';
import { describeHandler, type SimulationResult } from './simulate.js';

function at(origin: SourceRange | undefined): string {
  return origin ? `  (${origin.file}:${origin.start.line})` : '';
}

function printValue(v: import('@lhconf/parser').Value): string {
  if (v.kind === 'string') return JSON.stringify(v.value);
  if (v.kind === 'integer') return String(v.value);
  return `(${v.elements.map((e) => (e.key === null ? '' : `${JSON.stringify(e.key)} => `) + printValue(e.value)).join(', ')})`;
}

/** The readable trace `lhconf explain` prints. */
export function formatTrace(result: SimulationResult): string {
  const lines: string[] = [];
  let pass = -1;
  for (const s of result.steps) {
    if (s.pass !== pass && s.pass > 0) lines.push(`-- pass ${s.pass + 1}`);
    pass = s.pass;
    const mark = s.result === 'true' ? '✓' : s.result === 'false' ? '✗' : s.result === 'skip' ? '-' : s.stage === 'inexact' ? '!' : '•';
    lines.push(`${mark} ${s.stage.padEnd(9)} ${s.message}${at(s.origin)}`);
  }
  const o = result.outcome;
  lines.push('', 'Result');
  lines.push(`  status   ${o.status}${o.location ? ` → ${o.location}` : ''}`);
  lines.push(`  handler  ${o.handler ? describeHandler(o.handler) : '(none)'}${o.handler && 'origin' in o.handler ? at(o.handler.origin) : ''}`);
  lines.push(`  target   ${o.target}`);
  lines.push(`  path     ${o.path}${o.pathInfo ? `  PATH_INFO ${o.pathInfo}` : ''}`);
  lines.push(`  why      ${o.reason}`);
  if (result.inexact.length) lines.push('', `Not exact (${result.inexact.length}):`, ...result.inexact.map((m) => `  ${m}`));
  lines.push('', 'Effective settings');
  for (const s of result.settings) lines.push(`  ${s.key} = ${printValue(s.value)}${at(s.origin)}`);
  return `${lines.join('\n')}\n`;
}
