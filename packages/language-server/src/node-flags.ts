import { spawn } from 'node:child_process';

/**
 * Node flags the server runs with. A larger young generation: one edit of a 2,000-line document allocates
 * megabytes (tokens, trees, diagnostics) that are garbage by the next edit; with V8's default 16 MB
 * semi-spaces every scavenge copies the half-built trees, which made up about half of a re-lint's time.
 * The minimum sets that size from the start instead of growing to it over the first dozens of edits, each
 * growth a scavenge of its own (in interleaved benchmark runs the difference stayed within the VM's noise;
 * it costs nothing, since pages are touched only as they are used).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--min-semi-space-size=64'];

/** Set in the relaunched child, so that it never relaunches again. */
const RELAUNCHED = 'LHCONF_LSP_RELAUNCHED';

function hasServerFlags(): boolean {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return SERVER_NODE_FLAGS.every((flag) => given.some((arg) => arg.split('=')[0] === flag.split('=')[0]));
}

/**
 * Starts the server in this process when it runs with {@link SERVER_NODE_FLAGS} (the VS Code extension
 * passes them); otherwise runs this same command again in a child node with them, on the same stdin and
 * stdout, and exits with the child's status. Flags such as these cannot be changed once V8 has started.
 */
export function startWithServerFlags(start: () => void): void {
  if (process.env[RELAUNCHED] || hasServerFlags()) return start();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, [RELAUNCHED]: '1' },
  });
  let started = false;
  child.once('spawn', () => (started = true));
  // No child (node missing, out of processes): serve from this process, with the default heap.
  child.once('error', () => {
    if (!started) start();
  });
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
}
