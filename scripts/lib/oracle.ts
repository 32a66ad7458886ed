/**
 * The lighttpd oracle: finding and running a real lighttpd, reading the shared corpus and re-creating
 * the exact conditions under which its verdicts were recorded (../shared/corpus/README.md).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The lighttpd releases the oracle can run. */
export type OracleVersion = '1.4.69' | '1.4.79';

/** How to start one lighttpd: `command` followed by `prefixArgs`, then lighttpd's own options. */
export interface LighttpdRunner {
  version: OracleVersion;
  command: string;
  prefixArgs: string[];
}

export interface RunOptions {
  cwd: string;
  /** The whole environment of the child; nothing of `process.env` leaks in. */
  env: Record<string, string>;
  stdin?: string;
  timeoutMs: number;
}

export interface RunResult {
  /** Exit status; null when the process was killed (timeout or signal). */
  status: number | null;
  stdout: string;
  stderr: string;
  /** Set when the process did not exit by itself, e.g. `timeout` or `SIGSEGV`. */
  killedBy?: string;
}

/** The repository root (this file is scripts/lib/oracle.ts). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Where scripts/lighttpd/install.sh unpacks trixie's lighttpd 1.4.79 and its libraries. */
export const privateLighttpdDir = join(repoRoot, 'node_modules/.cache/lhconf/lighttpd-1.4.79');

/** The environment every corpus verdict was recorded with (`env -i PATH=… HOME=… LANG=C`). */
export const corpusEnv: Readonly<Record<string, string>> = Object.freeze({
  PATH: '/usr/sbin:/usr/bin:/sbin:/bin',
  HOME: '/nonexistent',
  LANG: 'C',
});

/** The scratch root the verdicts were recorded under; `var.CWD`-derived values in `-p` contain it. */
export const corpusScratchRoot = '/tmp/lighttpd-corpus-run';

/**
 * Candidate runners per version. 1.4.79 is started through its own dynamic loader rather than
 * scripts/lighttpd/lighttpd-1.4.79: the shell in that wrapper exports PWD, which `env.PWD` would see.
 */
const candidates: Record<OracleVersion, () => LighttpdRunner | undefined> = {
  '1.4.69': () => ({ version: '1.4.69', command: '/usr/sbin/lighttpd', prefixArgs: [] }),
  '1.4.79': () => {
    const dir = privateLighttpdDir;
    const loader = [`${dir}/usr/lib64/ld-linux-x86-64.so.2`, `${dir}/lib64/ld-linux-x86-64.so.2`].find((p) =>
      existsSync(p),
    );
    if (!loader) return undefined;
    const libs = `${dir}/usr/lib/x86_64-linux-gnu:${dir}/lib/x86_64-linux-gnu`;
    return {
      version: '1.4.79',
      command: loader,
      prefixArgs: ['--library-path', libs, `${dir}/usr/sbin/lighttpd`, '-m', `${dir}/usr/lib/lighttpd`],
    };
  },
};

/** A runner for `version` when that lighttpd is installed and reports exactly that version, else undefined. */
export function findLighttpd(version: OracleVersion): LighttpdRunner | undefined {
  const runner = candidates[version]();
  if (!runner || !existsSync(runner.command)) return undefined;
  const probe = runLighttpd(runner, ['-v'], { cwd: '/', env: { ...corpusEnv }, timeoutMs: 10_000 });
  // `-v` prints e.g. "lighttpd/1.4.69 (ssl) - a light and fast webserver".
  return probe.status === 0 && probe.stdout.startsWith(`lighttpd/${version} `) ? runner : undefined;
}

/** Runs lighttpd with `args` and exactly the given environment and working directory. */
export function runLighttpd(runner: LighttpdRunner, args: readonly string[], options: RunOptions): RunResult {
  const r = spawnSync(runner.command, [...runner.prefixArgs, ...args], {
    cwd: options.cwd,
    env: options.env,
    input: options.stdin ?? '',
    timeout: options.timeoutMs,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const result: RunResult = { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') result.killedBy = 'timeout';
  else if (r.error) throw r.error;
  else if (r.signal) result.killedBy = r.signal;
  return result;
}

/** One row of the corpus's index.tsv (columns as documented in its README). */
export interface CorpusRow {
  id: string;
  source: 'lighttpd-repo' | 'debian' | 'github';
  repo: string;
  path: string;
  commit: string;
  bytes: number;
  lines: number;
  /** Exit status of `lighttpd -t`: 0 accepted, 255 rejected. */
  tRc: number;
  /** First non-empty output line of `-t`, timestamp removed. */
  tFirstLine: string;
  /** The `;`-separated notes, e.g. `reject:parse-error`, `CRLF`. */
  notes: string[];
}

const indexColumns = ['id', 'source', 'repo', 'path', 'commit', 'bytes', 'lines', 't_rc', 't_first_line', 'notes'];

/** Reads `<dir>/index.tsv` into typed rows, in file order. Throws when the header is not the documented one. */
export function corpusCases(dir: string): CorpusRow[] {
  const lines = readFileSync(join(dir, 'index.tsv'), 'utf8').split('\n');
  const header = lines.shift()?.split('\t') ?? [];
  if (header.join('\t') !== indexColumns.join('\t')) {
    throw new Error(`${dir}/index.tsv: unexpected header "${header.join(' ')}" (expected ${indexColumns.join(' ')})`);
  }
  return lines
    .filter((line) => line !== '')
    .map((line) => {
      const [id = '', source, repo = '', path = '', commit = '', bytes, lines, tRc, tFirstLine = '', notes = ''] =
        line.split('\t');
      return {
        id,
        source: source as CorpusRow['source'],
        repo,
        path,
        commit,
        bytes: Number(bytes),
        lines: Number(lines),
        tRc: Number(tRc),
        tFirstLine,
        notes: notes.split(';').map((n) => n.trim()).filter((n) => n !== ''),
      };
    });
}

/** True when the row carries a note starting with `prefix` (`reject:`, `include_shell`, …). */
export function hasNote(row: CorpusRow, prefix: string): boolean {
  return row.notes.some((n) => n.startsWith(prefix));
}

/** The config file name of a case, as passed to `-f` (relative to its scratch directory). */
export function caseFileName(id: string): string {
  return `${id}.conf`;
}

/**
 * Re-creates `/tmp/lighttpd-corpus-run/NNN/` as it was when the verdict was recorded: a fresh directory
 * holding a copy of `NNN.d/*` and `NNN.conf`. Returns the directory.
 */
export function prepareScratch(corpusDir: string, id: string, scratchRoot = corpusScratchRoot): string {
  const scratch = join(scratchRoot, id);
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const siblings = join(corpusDir, `${id}.d`);
  // `cp -R NNN.d/. scratch/`: links stay links, as written.
  if (existsSync(siblings)) cpSync(siblings, scratch, { recursive: true, verbatimSymlinks: true });
  cpSync(join(corpusDir, caseFileName(id)), join(scratch, caseFileName(id)));
  return scratch;
}

/** Drops the `var.CWD` and `var.PID` lines from `-p` output, like the corpus's rerun.sh (`grep -v`). */
export function stripRunSpecificLines(printed: string): string {
  return printed
    .split('\n')
    .filter((line) => !/^\s*var\.(CWD|PID)\s*=/.test(line))
    .join('\n');
}

/** The `t_first_line` of a `-t` run, computed the way index.tsv records it. */
export function firstOutputLine(run: RunResult): string {
  const text = run.status === 0 ? run.stdout : run.stderr;
  const line = text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.replace(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d: /, '').replace(/[\t\r\n]/g, ' ');
}

export interface CorpusRun {
  t: RunResult & { firstLine: string };
  /** `-tt` (also module checks): its messages are what lint recall is measured against. */
  tt: RunResult;
  /** `-p` stdout less the var.CWD/var.PID lines; absent when `-p` did not exit 0. */
  printed?: string;
}

/** Runs `-t` and `-p` on one case from its freshly prepared scratch directory with the corpus environment. */
export function runCorpusCase(
  runner: LighttpdRunner,
  corpusDir: string,
  id: string,
  options: { timeoutMs?: number; scratchRoot?: string } = {},
): CorpusRun {
  const cwd = prepareScratch(corpusDir, id, options.scratchRoot);
  const run = (flag: string) =>
    runLighttpd(runner, [flag, '-f', caseFileName(id)], {
      cwd,
      env: { ...corpusEnv },
      timeoutMs: options.timeoutMs ?? 30_000,
    });
  const t = run('-t');
  const p = run('-p');
  const tt = run('-tt');
  const result: CorpusRun = { t: { ...t, firstLine: firstOutputLine(t) }, tt };
  if (p.status === 0) result.printed = stripRunSpecificLines(p.stdout);
  return result;
}

/** The recorded `-p` output of a case (already without var.CWD/var.PID), or undefined when none was recorded. */
export function recordedPrint(corpusDir: string, id: string): string | undefined {
  const file = join(corpusDir, `${id}.p.txt`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}
