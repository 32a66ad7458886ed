import * as path from 'node:path';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import type { Diagnostic } from '@lhconf/lint';
import { describeHandler, simulate, type FsView, type SimulationResult } from '@lhconf/simulate';
import { colorEnabled } from '../color.js';
import { nodeIo, type Io } from '../io.js';
import { reporterNames, reporters, type ReporterName } from '../reporters/index.js';
import { VERSION } from '../version.js';
import { loadConfig, loadFs } from './explain.js';

export interface TestArgs {
  spec: string;
  config?: string;
  fs?: string;
  docrootFromDisk?: boolean;
  format?: string;
}

interface Expectation {
  line: number; offset: number; method: string; url: string; scheme?: 'http' | 'https'; host?: string;
  remoteIp?: string; socket?: string; headers: Record<string, string>; kind: string; args: string[]; text: string;
}

/** What each expectation word checks; undefined when the outcome agrees, else what happened instead. */
const CHECKS = {
  status: (r, [code]) => (String(r.outcome.status) === code ? undefined : `status is ${r.outcome.status}`),
  redirect: (r, args) => {
    const [code, location] = args.length > 1 ? args : [undefined, args[0]];
    const o = r.outcome;
    if (code !== undefined && String(o.status) !== code) return `status is ${o.status}${o.location ? ` (Location ${o.location})` : ''}`;
    if (!o.location) return `no redirect: status ${o.status}`;
    return location === undefined || o.location === location ? undefined : `redirects to ${o.location}`;
  },
  rewrite: (r, [target]) => (r.outcome.target === target ? undefined : `the target after rewrites is ${r.outcome.target}`),
  fastcgi: (r, args) => backendCheck(r, 'fastcgi', args[0]),
  scgi: (r, args) => backendCheck(r, 'scgi', args[0]),
  proxy: (r, args) => backendCheck(r, 'proxy', args[0]),
  cgi: (r, [interpreter]) => {
    const h = r.outcome.handler;
    if (h?.kind !== 'cgi') return `it is handled by ${handled(r)}`;
    return interpreter === undefined || h.interpreter === interpreter ? undefined : `cgi runs ${h.interpreter || 'the script itself'}`;
  },
  static: (r, [file]) => {
    const h = r.outcome.handler;
    if (h?.kind !== 'static') return `it is handled by ${handled(r)}`;
    return file === undefined || h.file === file ? undefined : `static file is ${h.file}`;
  },
  dirlisting: (r) => (r.outcome.handler?.kind === 'dirlisting' ? undefined : `it is handled by ${handled(r)}`),
} satisfies Record<string, (r: SimulationResult, args: string[]) => string | undefined>;

function handled(r: SimulationResult): string {
  return r.outcome.handler ? describeHandler(r.outcome.handler) : `no handler (status ${r.outcome.status})`;
}

function backendCheck(r: SimulationResult, kind: string, address: string | undefined): string | undefined {
  const h = r.outcome.handler;
  if (h?.kind !== kind) return `it is handled by ${handled(r)}`;
  if (address === undefined || !('key' in h)) return undefined;
  const actual = h.socket ?? `${h.host ?? ''}:${h.port ?? ''}`;
  return actual === address ? undefined : `${kind} backend is ${actual}`;
}

/**
 * Parses one spec line: `METHOD [scheme://host]/path?query [ip=ADDR] [socket=:443] [user=NAME:PASSWORD]
 * [Name:value…] -> kind args…` (`user=` sends Basic credentials; a `Name:value` word is a request header).
 */
function parseLine(text: string, line: number, offset: number): Expectation | string {
  const m = /^(\S+)\s+(\S+)((?:\s+[^\s>]\S*)*?)\s*->\s*(\S+)\s*(.*)$/.exec(text);
  if (!m) return 'expected "METHOD URL -> expectation"';
  const [, method, where, extras, kind, rest] = m as unknown as [string, string, string, string, string, string];
  if (!(kind in CHECKS)) return `unknown expectation "${kind}" (one of ${Object.keys(CHECKS).join(', ')})`;
  const abs = /^(https?):\/\/([^/]+)(\/.*)?$/.exec(where);
  const url = abs ? abs[3] ?? '/' : where;
  if (!url.startsWith('/')) return `expected a path beginning with "/" or an http(s) URL, got "${where}"`;
  const e: Expectation = { line, offset, method: method.toUpperCase(), url, kind, args: rest.split(/\s+/).filter(Boolean), text, headers: {},
    ...(abs && { scheme: abs[1] as 'http' | 'https', host: abs[2]! }) };
  for (const word of extras.split(/\s+/).filter(Boolean)) {
    const option = /^(ip|socket|user)=(.+)$/.exec(word);
    const header = /^([A-Za-z0-9-]+):(.*)$/.exec(word);
    if (option?.[1] === 'ip') e.remoteIp = option[2]!;
    else if (option?.[1] === 'socket') e.socket = option[2]!;
    else if (option?.[1] === 'user') e.headers.Authorization = `Basic ${Buffer.from(option[2]!).toString('base64')}`;
    else if (header) e.headers[header[1]!] = header[2]!;
    else return `expected ip=ADDR, socket=TOKEN, user=NAME:PASSWORD or Name:value before "->", got "${word}"`;
  }
  return e;
}

/**
 * `lhconf test SPEC`: offline request expectations for CI. Each line `GET /index.php -> fastcgi 127.0.0.1:9000`
 * is simulated against the config (`--config`, or a `config PATH` line in the spec, relative to it); failures
 * are reported like lint results. Exit 0: all hold; 1: an expectation failed or the config would not start;
 * 2: bad usage or a malformed spec.
 */
export async function runTest(args: TestArgs, io: Io): Promise<number> {
  if (args.format !== undefined && !(reporterNames as string[]).includes(args.format)) {
    io.stderr(`lhconf test: --format: expected one of ${reporterNames.join(', ')}, got "${args.format}"\n`);
    return 2;
  }
  let text: string;
  try {
    text = Buffer.from(await io.readFile(path.resolve(io.cwd, args.spec))).toString('utf8');
  } catch (err) {
    io.stderr(`${args.spec}: error: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  const specDir = path.dirname(path.resolve(io.cwd, args.spec));
  let config = args.config;
  let fsFile = args.fs;
  const expectations: Expectation[] = [];
  const problems: string[] = [];
  let offset = 0;
  text.split('\n').forEach((raw, i) => {
    const lineOffset = offset + (raw.length - raw.trimStart().length);
    offset += raw.length + 1;
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const directive = /^(config|fs)\s+(\S+)$/.exec(line);
    if (directive) {
      const value = path.resolve(specDir, directive[2]!);
      if (directive[1] === 'config') config ??= value;
      else fsFile ??= value;
      return;
    }
    const e = parseLine(line, i + 1, lineOffset);
    if (typeof e === 'string') problems.push(`${args.spec}:${i + 1}:1  error  ${e}`);
    else expectations.push(e);
  });
  if (problems.length) {
    io.stderr(`${problems.join('\n')}\n`);
    return 2;
  }
  if (!config) {
    io.stderr('lhconf test: no config: pass --config or write "config PATH" in the spec\n');
    return 2;
  }
  const fs = await loadFs({ ...(fsFile !== undefined && { fs: fsFile }), ...(args.docrootFromDisk && { docrootFromDisk: true }) }, io);
  if (typeof fs === 'string') {
    io.stderr(`${fs}\n`);
    return 2;
  }
  const evaluated = loadConfig(config, io);
  if (!evaluated) return 1;
  const diagnostics: Diagnostic[] = [];
  for (const e of expectations) {
    const result = simulate(evaluated, {
      method: e.method, url: e.url, headers: e.headers, ...(e.scheme && { scheme: e.scheme }), ...(e.host && { host: e.host }),
      ...(e.remoteIp && { remoteIp: e.remoteIp }), ...(e.socket && { socket: e.socket }),
    }, fs ? { fs: fs as FsView } : {});
    const check = CHECKS[e.kind as keyof typeof CHECKS] as (r: SimulationResult, a: string[]) => string | undefined;
    const problem = check(result, e.args);
    if (problem === undefined) continue;
    const notes = result.inexact.length ? ` Not exact: ${result.inexact.join('; ')}.` : '';
    diagnostics.push({
      ruleId: 'expectation', messageId: 'failed', severity: 'error',
      message: `Expected "${e.text}", but ${problem} (${result.outcome.reason}).${notes}`,
      range: {
        file: args.spec,
        start: { offset: e.offset, line: e.line, column: 1 },
        end: { offset: e.offset + e.text.length, line: e.line, column: e.text.length + 1 },
      },
    });
  }
  const format = (args.format ?? 'stylish') as ReporterName;
  const report = reporters[format](
    { results: [{ file: args.spec, source: text, diagnostics, fixed: 0 }], rules: {}, cwd: io.cwd, toolVersion: VERSION },
    { color: colorEnabled(io, 'stdout') },
  );
  if (report) io.stdout(report);
  if (format === 'stylish' && diagnostics.length === 0) io.stdout(`${expectations.length} expectations hold\n`);
  return diagnostics.length ? 1 : 0;
}

export const testCommand: CommandModule<object, TestArgs> = {
  command: 'test <spec>',
  describe: 'Check request expectations (GET /x -> status 404) against a config, offline',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('spec', { type: 'string', demandOption: true, describe: 'expectations file, one "METHOD URL -> expectation" a line' })
      .option('config', { type: 'string', requiresArg: true, describe: 'main config file (overrides "config PATH" in the spec)' })
      .option('fs', { type: 'string', requiresArg: true, describe: 'JSON list of existing paths (answers file checks)' })
      .option('docroot-from-disk', { type: 'boolean', describe: 'answer file checks from this machine\'s disk' })
      .option('format', { type: 'string', requiresArg: true, choices: reporterNames, describe: 'report format, as for lhconf lint (default stylish)' })
      .example('$0 test requests.spec --config lighttpd.conf', 'fail CI when routing changes') as unknown as Argv<TestArgs>,
  handler: async (argv: ArgumentsCamelCase<TestArgs>) => {
    process.exitCode = await runTest(argv, nodeIo);
  },
};
