/**
 * `pnpm bench [--quick] [--json out.json] [--build]`: a benchmark report, not a test. Generates large
 * realistic configs (scripts/bench/generate.ts), checks them with `lighttpd -t`, then times in one run,
 * so that ratios are fair: in-process parse, parse+evaluate, lint and format; whole `lhconf` processes
 * against `node -e 0`; and `lighttpd -t` as the baseline lhconf is measured against.
 *
 * Every piece is looked up at run time (exports, CLI commands, lighttpd), so a piece that lands later is
 * picked up by the next run, and a missing one is reported as "n/a (reason)".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type * as FormatModule from '@lhconf/format';
import type * as LintModule from '@lhconf/lint';
import type * as ParserModule from '@lhconf/parser';
import { findLighttpd, prepareConfigs, type BenchConfig, type SizeLabel } from './bench/configs.js';
import { measure, runProcess, type Plan, type Timing } from './bench/measure.js';
import { renderTable } from './bench/table.js';
import { SERVER_NODE_FLAGS } from '../packages/language-server/src/node-flags.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    build: { type: 'boolean', default: false },
    sources: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  process.stdout.write(
    'pnpm bench [--quick] [--json out.json] [--build]\n' +
      '  --quick   fewer runs (figures are rougher)\n' +
      '  --json    also write every figure to this file\n' +
      '  --build   rebuild packages/cli/dist/lhconf.js first (node scripts/build.mjs)\n' +
      '  --sources measure the TypeScript sources in-process (through tsx) instead of an esbuild bundle\n',
  );
  process.exit(0);
}

/** A case before it runs: what a {@link Row} is without its figures. */
type Spec = Omit<Row, 'timing' | 'na' | 'note'>;

const started = process.hrtime.bigint();
const elapsedSeconds = () => Number(process.hrtime.bigint() - started) / 1e9;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'node_modules/.cache/lhconf-bench');
const bundle = join(root, 'packages/cli/dist/lhconf.js');

/**
 * Run counts by cost. Runs beyond `minRuns` are added while the budget lasts. The 150k file gets no
 * warm-up of its own: the same functions were just warmed on the smaller files.
 */
const PLANS: Record<'cheap' | 'medium' | 'large', { normal: Plan; quick: Plan }> = {
  cheap: { normal: { warmup: 3, minRuns: 7, maxRuns: 25, budgetMs: 2_000 }, quick: { warmup: 1, minRuns: 3, maxRuns: 7, budgetMs: 500 } },
  medium: { normal: { warmup: 1, minRuns: 3, maxRuns: 9, budgetMs: 8_000 }, quick: { warmup: 1, minRuns: 2, maxRuns: 3, budgetMs: 0 } },
  large: { normal: { warmup: 0, minRuns: 2, maxRuns: 5, budgetMs: 15_000 }, quick: { warmup: 0, minRuns: 1, maxRuns: 1, budgetMs: 0 } },
};
/** After this long, the remaining cases use the --quick plans, so that a loaded machine still gets a report. */
const DEADLINE_SECONDS = 120;
let pastDeadline = false;
const planFor = (size: SizeLabel | null): Plan => {
  const cost = size === '150k' ? 'large' : size === '15k' ? 'medium' : 'cheap';
  if (!args.quick && !pastDeadline && elapsedSeconds() > DEADLINE_SECONDS) {
    pastDeadline = true;
    log(`  (past ${DEADLINE_SECONDS} s: fewer runs from here on)`);
  }
  return PLANS[cost][args.quick || pastDeadline ? 'quick' : 'normal'];
};

interface Goal {
  op: '<' | '≤';
  value: number;
  /** `ms`: the median itself is judged (an editor's wait), not its ratio to the baseline. */
  unit?: 'ms';
}

interface Row {
  /** Stable key for baselines and JSON: `kind:size`. */
  id: string;
  section: 'baseline' | 'in-process' | 'process' | 'editor';
  name: string;
  size: SizeLabel | null;
  timing?: Timing;
  /** Why there is no timing. */
  na?: string;
  /** The row this one is divided by, and the goal for that ratio. */
  baseline?: string;
  goal?: Goal;
  /** What the run produced (diagnostic counts, exit status), to show the figure is about real work. */
  note?: string;
}

const loadBefore = loadavg()[0]!;
const log = (line: string) => process.stderr.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------------
// The configs

if (args.build) {
  log('building packages/cli/dist/lhconf.js …');
  const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) log(`build failed (exit ${r.status}); the existing bundle, if any, is measured`);
}

const lighttpd = findLighttpd();
log('generating and checking configs …');
const configs = prepareConfigs(benchDir, lighttpd);
const config = (label: SizeLabel): BenchConfig => configs.find((c) => c.label === label)!;
const sizeText = (size: SizeLabel | null) => (size === null ? '—' : `${size} lines`);

// ---------------------------------------------------------------------------------------------------
// What exists today

/** Imports a workspace package, or says why it cannot be loaded. */
async function load<T>(specifier: string): Promise<{ mod: Partial<T> } | { error: string }> {
  try {
    return { mod: (await import(specifier)) as Partial<T> };
  } catch (err) {
    return { error: `cannot load ${specifier}: ${firstLine((err as Error).message)}` };
  }
}
/** The first line of an error message, with the next one when it only announces it ("… with 1 error:"). */
function firstLine(message: string): string {
  const lines = message.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const line = lines[0] ?? message;
  const text = line.endsWith(':') && lines[1] ? `${line} ${lines[1]}` : line;
  return text.replaceAll(`${root}/`, '');
}

/**
 * The in-process cases run the code users run: parser, lint and format bundled by esbuild the way the CLI
 * bundle is (one module, so the three share one parser), not the sources through tsx, whose keep-names
 * helpers wrap every closure the parser creates and slow it several times. `--sources` measures the sources.
 */
async function bundleLibraries(): Promise<string | undefined> {
  if (args.sources) return undefined;
  const out = join(benchDir, 'libraries.mjs');
  try {
    const { build } = await import('esbuild');
    await build({
      stdin: {
        contents: "export * as parser from '@lhconf/parser'; export * as lint from '@lhconf/lint'; export * as format from '@lhconf/format';",
        resolveDir: root,
        loader: 'js',
      },
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['@lhconf/source'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'error',
    });
    return out;
  } catch (err) {
    log(`bundling the libraries failed (${firstLine((err as Error).message)}); measuring the sources`);
    return undefined;
  }
}
const bundled = await bundleLibraries();
const libraries = bundled ? ((await import(pathToFileURL(bundled).href)) as Record<string, unknown>) : undefined;
async function loadLibrary<T>(specifier: string, name: 'parser' | 'lint' | 'format'): Promise<{ mod: Partial<T> } | { error: string }> {
  return libraries?.[name] ? { mod: libraries[name] as Partial<T> } : load<T>(specifier);
}

const parser = await loadLibrary<typeof ParserModule>('@lhconf/parser', 'parser');
const linter = await loadLibrary<typeof LintModule>('@lhconf/lint', 'lint');
const formatter = await loadLibrary<typeof FormatModule>('@lhconf/format', 'format');

/** Which build the in-process cases ran. */
function inProcessCode(): string {
  if (bundled) return `parser, lint and format bundled by esbuild (${bundled.slice(root.length + 1)})`;
  try {
    const url = import.meta.resolve('@lhconf/parser');
    return url.endsWith('.ts') ? 'TypeScript sources (@lhconf/source condition, through tsx)' : `compiled (${url.slice(url.indexOf('packages/'))})`;
  } catch {
    return 'unresolved';
  }
}

const diagnostics = (n: number) => `${n} diagnostic${n === 1 ? '' : 's'}`;

/** An in-process piece: a function of one config, or the reason it is not available. */
type Piece = { run: (c: BenchConfig) => string } | { na: string };

const parsePiece: Piece = (() => {
  if ('error' in parser) return { na: parser.error };
  const { parse } = parser.mod;
  if (typeof parse !== 'function') return { na: '@lhconf/parser exports no parse' };
  return { run: (c) => diagnostics(parse(c.text, { file: c.path }).diagnostics.length) };
})();

const evaluatePiece: Piece = (() => {
  if ('error' in parser) return { na: parser.error };
  const { evaluateFile, evaluateText } = parser.mod;
  const describe = (r: ParserModule.EvaluateResult) =>
    `${r.contexts.length - 1} blocks, ${diagnostics(r.diagnostics.length)}${r.fatal ? ', FATAL' : ''}`;
  // evaluateFile reads the bytes as lighttpd -t -f does; evaluateText is the fallback.
  if (typeof evaluateFile === 'function') return { run: (c) => describe(evaluateFile(c.path, { cwd: benchDir })) };
  if (typeof evaluateText === 'function') return { run: (c) => describe(evaluateText(c.text, { file: c.path, cwd: benchDir })) };
  return { na: 'evaluator not available' };
})();

const lintPiece: Piece = (() => {
  if ('error' in linter) return { na: linter.error };
  const { lintText, rules } = linter.mod;
  if (typeof lintText !== 'function') return { na: '@lhconf/lint exports no lintText' };
  // The default config enables every rule at its own severity: that is "all rules".
  const count = rules ? ` (${Object.keys(rules).length} rules)` : '';
  return { run: (c) => `${diagnostics(lintText(c.text, { file: c.path, evaluate: { cwd: benchDir } }).length)}${count}` };
})();

const formatPiece: Piece = (() => {
  if ('error' in formatter) return { na: formatter.error };
  const { format } = formatter.mod;
  if (typeof format !== 'function') return { na: '@lhconf/format exports no format' };
  return {
    run: (c) => {
      const r = format(c.text, { file: c.path });
      return r.ok ? (r.changed ? 'reformatted' : 'unchanged') : `refused: ${diagnostics(r.diagnostics.length)}`;
    },
  };
})();

/** Why the CLI bundle cannot be measured, or a warning that it is older than the sources. */
function bundleState(): { na?: string; warning?: string } {
  if (!existsSync(bundle)) return { na: 'packages/cli/dist/lhconf.js missing: pnpm build' };
  const built = statSync(bundle).mtimeMs;
  const newest = newestSource(join(root, 'packages'));
  if (newest && newest.mtimeMs > built) {
    return { warning: `the CLI bundle is older than ${newest.path.slice(root.length + 1)}: run with --build for current figures` };
  }
  return {};
}
function newestSource(dir: string): { path: string; mtimeMs: number } | undefined {
  let newest: { path: string; mtimeMs: number } | undefined;
  const visit = (d: string, inSrc: boolean) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'test') continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) visit(p, inSrc || entry.name === 'src');
      else if (inSrc && p.endsWith('.ts')) {
        const mtimeMs = statSync(p).mtimeMs;
        if (!newest || mtimeMs > newest.mtimeMs) newest = { path: p, mtimeMs };
      }
    }
  };
  visit(dir, false);
  return newest;
}

// ---------------------------------------------------------------------------------------------------
// Measuring

function measureProcess(row: Spec, command: string, argv: string[], okStatus: readonly number[]): Row {
  const plan = planFor(row.size);
  log(`  ${row.name} ${sizeText(row.size)}`);
  // The first run doubles as the availability check (an unknown command exits 2) and as warm-up.
  const first = runProcess(command, argv, benchDir);
  const refused = (o: typeof first) =>
    o.status === null || !okStatus.includes(o.status) ? `exit ${o.status ?? o.signal}: ${o.stderrLine || '(no message)'}` : undefined;
  const reason = refused(first);
  if (reason) return { ...row, na: reason };
  let last = first;
  const timing = measure({ ...plan, warmup: Math.max(0, plan.warmup - 1) }, () => {
    last = runProcess(command, argv, benchDir);
    const again = refused(last);
    if (again) throw new Error(again);
  });
  return { ...row, timing, note: `exit ${last.status}, ${last.stdoutBytes} bytes out` };
}

function measurePiece(row: Spec, piece: Piece, size: SizeLabel): Row {
  if ('na' in piece) return { ...row, na: piece.na };
  const c = config(size);
  log(`  ${row.name} ${sizeText(size)}`);
  try {
    let note = '';
    const timing = measure(planFor(size), () => {
      note = piece.run(c);
    });
    return { ...row, timing, note };
  } catch (err) {
    return { ...row, na: `threw: ${firstLine((err as Error).message)}` };
  }
}

const guard = (row: Spec, work: () => Row): Row => {
  try {
    return work();
  } catch (err) {
    return { ...row, na: `failed: ${firstLine((err as Error).message)}` };
  }
};

/** Every case in report order; `late` ones (the 150k file) run last, so the deadline shortens them first. */
const cases: { spec: Spec; run: () => Row; late?: boolean }[] = [];
const add = (spec: Spec, run: () => Row) => cases.push({ spec, run: () => guard(spec, run), late: spec.size === '150k' });
const skip = (spec: Spec, na: string) => add(spec, () => ({ ...spec, na }));

{
  const spec: Spec = { id: 'node:startup', section: 'baseline', name: 'node -e 0', size: null };
  add(spec, () => measureProcess(spec, process.execPath, ['-e', '0'], [0]));
}
for (const size of ['200', '1k', '15k', '150k'] as const) {
  const spec: Spec = { id: `lighttpd-t:${size}`, section: 'baseline', name: 'lighttpd -t', size };
  const c = config(size);
  if (!lighttpd) skip(spec, 'lighttpd not found (set $LIGHTTPD)');
  else if (!c.lighttpdCanRun) skip(spec, `${c.blocks} blocks: lighttpd ${lighttpd.version} aborts above 4095`);
  else add(spec, () => measureProcess(spec, lighttpd.path, ['-t', '-f', c.path], [0]));
}

const piece = (spec: Spec, p: Piece, size: SizeLabel) => add(spec, () => measurePiece(spec, p, size));
for (const size of ['1k', '2k', '15k', '150k'] as const) {
  piece({ id: `parse:${size}`, section: 'in-process', name: 'parse', size }, parsePiece, size);
}
for (const size of ['1k', '2k', '15k', '150k'] as const) {
  const baseline = config(size).lighttpdCanRun && size !== '2k' ? `lighttpd-t:${size}` : undefined;
  const goal: Goal | undefined = size === '15k' ? { op: '≤', value: 1.0 } : undefined;
  piece({ id: `evaluate:${size}`, section: 'in-process', name: 'parse+evaluate', size, baseline, goal }, evaluatePiece, size);
}
for (const size of ['2k', '15k'] as const) {
  const goal: Goal | undefined = size === '15k' ? { op: '<', value: 2 } : undefined;
  piece({ id: `lint:${size}`, section: 'in-process', name: 'lint (all rules)', size, baseline: `evaluate:${size}`, goal }, lintPiece, size);
}
for (const size of ['2k', '15k'] as const) {
  piece({ id: `format:${size}`, section: 'in-process', name: 'format', size, baseline: `parse:${size}` }, formatPiece, size);
}

const cli = bundleState();
for (const size of ['200', '15k'] as const) {
  for (const command of ['print', 'lint', 'format'] as const) {
    // Small files are compared with node's own start-up, large ones with lighttpd checking the same file.
    const baseline = size === '200' ? 'node:startup' : `lighttpd-t:${size}`;
    const goal: Goal | undefined = size === '200' && command === 'lint' ? { op: '≤', value: 1.3 } : undefined;
    const spec: Spec = { id: `cli-${command}:${size}`, section: 'process', name: `lhconf ${command}`, size, baseline, goal };
    if (cli.na) skip(spec, cli.na);
    // lint exits 1 when it finds problems and print when lighttpd would refuse the config: still a full run.
    else add(spec, () => measureProcess(spec, process.execPath, [bundle, command, config(size).path], [0, 1]));
  }
}

// The language server, warm, over stdio (packages/language-server/bench.ts, which starts `lhconf lsp` from the
// bundle): one child run measures its five cases on the 2k file, with the server's own Node flags.
const editorRows: Record<string, Row> = {};
const editorSpecs: Spec[] = [
  { id: 'lsp-relint:2k', section: 'editor', name: 'lsp: one-line edit → diagnostics', size: '2k', baseline: 'parse:2k', goal: { op: '<', value: 20, unit: 'ms' } },
  { id: 'lsp-relint-cold:2k', section: 'editor', name: 'lsp: the same, first 20 edits after opening', size: '2k', baseline: 'parse:2k' },
  { id: 'lsp-relint-broken:2k', section: 'editor', name: 'lsp: the same, the document not parsing', size: '2k', baseline: 'parse:2k' },
  { id: 'lsp-format:2k', section: 'editor', name: 'lsp: formatting (every line changes)', size: '2k', baseline: 'parse:2k', goal: { op: '<', value: 20, unit: 'ms' } },
  { id: 'lsp-format-save:2k', section: 'editor', name: 'lsp: formatting (one line edited)', size: '2k', baseline: 'parse:2k', goal: { op: '<', value: 20, unit: 'ms' } },
];
const runEditorBench = (): void => {
  log('  language server (2k lines)');
  const out = join(benchDir, 'lsp-bench.json');
  const argv = [...SERVER_NODE_FLAGS, '--conditions=@lhconf/source', '--import', 'tsx', 'packages/language-server/bench.ts', '--file', config('2k').path, '--runs', args.quick ? '15' : '40', '--json', out];
  const r = spawnSync(process.execPath, argv, { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) {
    const why = firstLine(`${r.stderr || r.stdout || `exit ${r.status}`}`);
    for (const spec of editorSpecs) editorRows[spec.id] = { ...spec, na: why };
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8')) as { server: string; results: Record<string, Timing & { p90Ms: number }> };
  const keys: Record<string, string> = { 'lsp-relint:2k': 'relint', 'lsp-relint-cold:2k': 'relintCold', 'lsp-relint-broken:2k': 'relintBroken', 'lsp-format:2k': 'format', 'lsp-format-save:2k': 'formatOnSave' };
  for (const spec of editorSpecs) {
    const t = report.results[keys[spec.id]!]!;
    editorRows[spec.id] = { ...spec, timing: { medianMs: t.medianMs, minMs: t.minMs, runs: t.runs }, note: `p90 ${t.p90Ms.toFixed(1)} ms; ${report.server}` };
  }
};
for (const spec of editorSpecs) {
  if (cli.na) skip(spec, cli.na);
  else
    add(spec, () => {
      if (!(spec.id in editorRows)) runEditorBench();
      return editorRows[spec.id]!;
    });
}

// One untimed pass of every piece over a mid-size file first, so that the first case measured does not
// pay for loading and compiling the code all cases share.
for (const p of [parsePiece, evaluatePiece, lintPiece, formatPiece]) {
  try {
    if ('run' in p) p.run(config('2k'));
  } catch {
    // measurePiece reports it
  }
}
log('measuring …');
const results = new Map<(typeof cases)[number], Row>();
for (const c of [...cases.filter((c) => !c.late), ...cases.filter((c) => c.late)]) results.set(c, c.run());
const rows: Row[] = cases.map((c) => results.get(c)!);

// ---------------------------------------------------------------------------------------------------
// The report

interface Figures {
  ratio?: number;
  /** min / min of the baseline: less sensitive to other load on the machine than the medians. */
  minRatio?: number;
  met?: boolean;
  mbPerSec?: number;
}
function figuresOf(row: Row): Figures {
  const out: Figures = {};
  if (row.timing && row.size) out.mbPerSec = config(row.size).bytes / 1e6 / (row.timing.medianMs / 1e3);
  const base = row.baseline ? rows.find((r) => r.id === row.baseline) : undefined;
  if (row.timing && base?.timing) {
    out.ratio = row.timing.medianMs / base.timing.medianMs;
    out.minRatio = row.timing.minMs / base.timing.minMs;
    if (row.goal && !row.goal.unit) out.met = row.goal.op === '<' ? out.ratio < row.goal.value : out.ratio <= row.goal.value;
  }
  if (row.timing && row.goal?.unit === 'ms') out.met = row.goal.op === '<' ? row.timing.medianMs < row.goal.value : row.timing.medianMs <= row.goal.value;
  return out;
}
const baselineName = (id: string | undefined) => {
  const base = rows.find((r) => r.id === id);
  return base ? `${base.name}${base.size ? ` ${base.size}` : ''}` : '';
};
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

const out: string[] = [];
out.push(`lhconf bench — ${new Date().toISOString()} — node ${process.version}, ${cpus().length}× ${cpus()[0]?.model.trim() ?? 'cpu'}${args.quick ? ' — --quick' : ''}`);
const loadLine = `load average ${loadBefore.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`;
out.push(
  loadBefore > cpus().length || loadavg()[0]! > cpus().length
    ? `${loadLine}: other work competed for the CPUs; figures are slower and noisier than on an idle machine (compare min columns)`
    : loadLine,
);
out.push(`in-process code: ${inProcessCode()}; processes: packages/cli/dist/lhconf.js`);
out.push(`lighttpd: ${lighttpd ? `${lighttpd.path} ${lighttpd.version}` : 'not found'}; configs in ${benchDir.slice(root.length + 1)}/`);
out.push('');
out.push(
  renderTable(
    [['config', 'left'], ['lines', 'right'], ['bytes', 'right'], ['vhosts', 'right'], ['blocks', 'right'], ['lighttpd -t', 'left']],
    configs.map((c) => [`bench-${c.label}.conf`, String(c.lines), String(c.bytes), String(c.vhosts), String(c.blocks), c.check]),
  ),
);
out.push('');
const sections: Row['section'][] = ['baseline', 'in-process', 'process', 'editor'];
out.push(
  renderTable(
    [['case', 'left'], ['size', 'left'], ['median ms', 'right'], ['min ms', 'right'], ['runs', 'right'], ['MB/s', 'right'], ['ratio', 'right'], ['min ratio', 'right'], ['vs', 'left'], ['goal', 'left'], ['met?', 'left'], ['note', 'left']],
    sections.flatMap((section, i) => [
      ...(i > 0 ? [null] : []),
      ...rows
        .filter((r) => r.section === section)
        .map((r) => {
          const f = figuresOf(r);
          const name = `${r.section === 'in-process' ? 'in-process ' : ''}${r.name}`;
          const goal = r.goal ? (r.goal.unit ? `${r.goal.op} ${r.goal.value} ${r.goal.unit}` : `${r.goal.op} ${r.goal.value.toFixed(1)}×`) : '';
          if (!r.timing) return [name, sizeText(r.size), 'n/a', '', '', '', '', '', '', goal, r.goal ? '—' : '', `n/a (${r.na})`];
          return [
            name,
            sizeText(r.size),
            ms(r.timing.medianMs),
            ms(r.timing.minMs),
            String(r.timing.runs),
            f.mbPerSec === undefined ? '—' : f.mbPerSec.toFixed(2),
            f.ratio === undefined ? (r.baseline ? 'n/a' : '—') : `${f.ratio.toFixed(2)}×`,
            f.minRatio === undefined ? '' : `${f.minRatio.toFixed(2)}×`,
            baselineName(r.baseline),
            goal,
            f.met === undefined ? (r.goal ? '—' : '') : f.met ? 'yes' : 'NO',
            r.note ?? '',
          ];
        }),
    ]),
  ),
);
if (cli.warning) out.push('', `note: ${cli.warning}`);
const totalSeconds = elapsedSeconds();
out.push(
  '',
  `total ${totalSeconds.toFixed(1)} s${pastDeadline ? ` (past ${DEADLINE_SECONDS} s the remaining cases ran fewer times)` : ''}; ` +
    'MB/s is the config\'s size over the median; ratio = median / median of "vs" (min ratio: min / min); met? judges the median ratio.',
);
process.stdout.write(`${out.join('\n')}\n`);

if (args.json) {
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    quick: args.quick,
    fewerRunsAfterSeconds: pastDeadline ? DEADLINE_SECONDS : null,
    loadAverage: { start: loadBefore, end: loadavg()[0] },
    lighttpd: lighttpd ?? null,
    bundle: { path: 'packages/cli/dist/lhconf.js', ...cli },
    configs: configs.map(({ text: _text, path, ...c }) => ({ ...c, path: path.slice(root.length + 1) })),
    results: rows.map((r) => ({ ...r, ...figuresOf(r), baselineName: baselineName(r.baseline) || undefined })),
    totalSeconds,
  };
  writeFileSync(resolve(args.json), `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${args.json}`);
}
