import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Diagnostic, Node } from '@lhconf/parser';

/** The AST as JSON with each range shortened to `line:col-line:col`, for readable snapshots. */
export function astSnapshot(node: Node): string {
  return JSON.stringify(
    node,
    (key, value: unknown) => {
      if (key === 'text' && typeof value === 'string' && value.length > 60) return undefined;
      if (value && typeof value === 'object' && 'start' in value && 'end' in value && 'file' in value) {
        const r = value as { start: { line: number; column: number }; end: { line: number; column: number } };
        return `${r.start.line}:${r.start.column}-${r.end.line}:${r.end.column}`;
      }
      return value;
    },
    2,
  );
}

export function diagnosticLines(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.range.start.line}:${d.range.start.column} ${d.severity}${d.fatal ? ' (fatal)' : ''} ${d.messageId}: ${d.message}`)
    .join('\n');
}

const LIGHTTPD = '/usr/sbin/lighttpd';

/** The real lighttpd 1.4.69, or undefined; CI sets LHCONF_REQUIRE_LIGHTTPD=1 so a missing binary fails instead of skipping. */
export function lighttpdBinary(): string | undefined {
  if (existsSync(LIGHTTPD)) return LIGHTTPD;
  if (process.env['LHCONF_REQUIRE_LIGHTTPD'] === '1') throw new Error(`${LIGHTTPD} is required (LHCONF_REQUIRE_LIGHTTPD=1) but missing`);
  return undefined;
}

/** `lighttpd -t -f file` run like the corpus verdicts: minimal environment, the file's folder as cwd. */
export function lighttpdAccepts(bin: string, file: string, cwd: string): { ok: boolean; output: string } {
  const r = spawnSync(bin, ['-t', '-f', file], {
    cwd,
    env: { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/nonexistent', LANG: 'C' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}
