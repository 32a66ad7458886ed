import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));

// Chevrotain's grammar and lexer validations are skipped at run time (start-up speed), so they run
// here, in a fresh process: ambiguities, unreachable alternatives, left recursion, token conflicts.
it('passes Chevrotain validations and cst.generated.ts is fresh', () => {
  const r = spawnSync(process.execPath, ['--conditions=@lhconf/source', '--import', 'tsx', 'scripts/gen-cst.ts', '--check'], {
    cwd: root,
    env: { ...process.env, LHCONF_VALIDATE_GRAMMAR: '1' },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 60_000);
