/**
 * Timing for `pnpm bench`: warm-up runs, then measured runs until a minimum count and a time budget are
 * both reached (or a maximum count), each timed with `process.hrtime.bigint()`.
 */
import { spawnSync } from 'node:child_process';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** How often to run one case. */
export interface Plan {
  warmup: number;
  minRuns: number;
  maxRuns: number;
  /** Stop adding runs beyond `minRuns` once the measured runs took this long together. */
  budgetMs: number;
}

export interface Timing {
  medianMs: number;
  minMs: number;
  runs: number;
}

// A full collection between runs keeps one run's garbage from being billed to the next; collections
// during a run still count. `--expose-gc` cannot be passed through `pnpm bench`, so it is set here.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/** Milliseconds since `start`. */
function since(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `run` by `plan`; an exception from `run` ends the measurement and propagates. */
export function measure(plan: Plan, run: () => void): Timing {
  for (let i = 0; i < plan.warmup; i++) run();
  const samples: number[] = [];
  let spent = 0;
  while (samples.length < plan.maxRuns && (samples.length < plan.minRuns || spent < plan.budgetMs)) {
    collectGarbage();
    const start = process.hrtime.bigint();
    run();
    const ms = since(start);
    samples.push(ms);
    spent += ms;
  }
  return { medianMs: median(samples), minMs: Math.min(...samples), runs: samples.length };
}

export interface ProcessOutcome {
  status: number | null;
  signal: string | null;
  stdoutBytes: number;
  /** The first non-empty line of stderr, for messages. */
  stderrLine: string;
}

/** Runs a command to completion with its output captured (not shown), as a benchmark run does. */
export function runProcess(command: string, args: readonly string[], cwd: string): ProcessOutcome {
  const r = spawnSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  if (r.error) throw r.error;
  const stderr = r.stderr?.toString('utf8') ?? '';
  return {
    status: r.status,
    signal: r.signal,
    stdoutBytes: r.stdout?.length ?? 0,
    stderrLine: stderr.split('\n').find((line) => line.trim() !== '')?.trim() ?? '',
  };
}
