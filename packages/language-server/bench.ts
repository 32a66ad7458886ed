// Benchmark: the language server, warm, on a 2,000-line config — what an editor waits for:
//   re-lint: a one-line edit (didChange) until its publishDiagnostics arrives (debounce set to 0), edit after
//            edit as in typing; timed once the server is warm (after WARM_EDITS edits: until then V8 is still
//            compiling the re-lint's code and growing its heap), and over the first edits after opening too;
//   format:  a textDocument/formatting request until its edits arrive, on the edited document as it is
//            (every line needs changes) and on a formatted document with one edited line (format-on-save);
// plus, in the same process and run, a full in-process parse of the same text: the baseline of the ratios.
// `pnpm bench` runs it (section "language server"); alone:
//   node --max-semi-space-size=64 --conditions=@lhconf/source --import tsx packages/language-server/bench.ts
//        [--file F] [--runs N] [--server bundle|source] [--json OUT]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { format } from '@lhconf/format';
import { parse } from '@lhconf/parser';
import {
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { REPO, SOURCE_SERVER, startClient } from './test/lsp-client.js';

const GOAL_MS = 20;
const { values: args } = parseArgs({
  options: {
    file: { type: 'string' },
    runs: { type: 'string', default: '30' },
    server: { type: 'string' },
    json: { type: 'string' },
  },
});
const RUNS = Number(args.runs);
const WARMUP = 5;
/**
 * Edits after opening before re-lints count as warm. Measured edit by edit (2,000 lines, this 2-core VM): the
 * first 20 take about twice as long as the steady state, which is reached after 40 to 60 (V8 optimizes the
 * parser, evaluator and rules as they run and grows the young generation to its 64 MB).
 */
const WARM_EDITS = 50;
/** The first edits after opening, timed on their own: what a user sees before the server is warm. */
const COLD_EDITS = 20;
const bundle = path.join(REPO, 'packages/cli/dist/lhconf.js');
// What users run (`lhconf lsp`, bundled) unless asked for the sources or there is no bundle.
const serverKind = args.server ?? (existsSync(bundle) ? 'bundle' : 'source');
// Extra Node flags for the server (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to see where its time goes).
const extraFlags = (process.env.LHCONF_BENCH_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean);
const serverArgs = [...extraFlags, ...(serverKind === 'bundle' ? [bundle, 'lsp'] : SOURCE_SERVER)];

/** A config of `lines` lines: globals, then host blocks with rewrites, arrays and comments. */
function makeConfig(lines: number): string {
  const out = [
    'var.basedir = "/var/www"',
    'server.modules = ( "mod_access", "mod_rewrite", "mod_redirect", "mod_setenv" )',
    'server.document-root = var.basedir + "/html"',
    'server.port = 80',
    '',
  ];
  for (let i = 0; out.length < lines - 12; i++) {
    out.push(
      `# site ${i}`,
      `$HTTP["host"] == "site${i}.example.org" {`,
      `    server.document-root = var.basedir + "/site${i}"`,
      `    url.rewrite-once     = ("^/old${i}/(.*)" => "/new/$1")`,
      '    setenv.add-response-header = (',
      `        "X-Site"  => "${i}",`,
      '        "X-Frame-Options" => "DENY",',
      '    )',
      `    $HTTP["url"] =^ "/private${i}/" {`,
      '        url.access-deny = ("")',
      '    }',
      '}',
    );
  }
  while (out.length < lines) out.push('');
  return `${out.join('\n')}\n`;
}

interface Timing {
  medianMs: number;
  minMs: number;
  p90Ms: number;
  runs: number;
}
const timing = (xs: number[]): Timing => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { medianMs: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, minMs: s[0]!, p90Ms: s[Math.floor(s.length * 0.9)]!, runs: s.length };
};

/**
 * The line the benchmark edits: a string value in the middle of the document. Each run changes one
 * character of it, so every version differs from the last and still parses.
 */
function editTarget(text: string): { line: number; character: number } {
  const lines = text.split('\n');
  for (let i = lines.length >> 1; i < lines.length; i++) {
    const m = /^(?!\s*#)(.*?=>?\s*")[^"\s]/.exec(lines[i]!);
    if (m) return { line: i, character: m[1]!.length };
  }
  throw new Error('no line of the form key = "value" in the second half of the document');
}

const dir = mkdtempSync(path.join(tmpdir(), 'lhconf-bench-'));
const text = args.file ? readFileSync(args.file, 'utf8') : makeConfig(2000);
const file = path.join(dir, 'lighttpd.conf');
const uri = pathToFileURL(file).href;
const lineCount = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
/** Where the edits go in the open document; each document opened gets its own (a formatted text has other lines). */
let target = editTarget(text);
const letter = (i: number) => 'xy'[i % 2]!;
const applyEdit = (t: string, i: number) => {
  const lines = t.split('\n');
  const l = lines[target.line]!;
  lines[target.line] = l.slice(0, target.character) + letter(i) + l.slice(target.character + 1);
  return lines.join('\n');
};

// Baseline: a full parse of the same text, in this process.
const parses: number[] = [];
for (let i = 0; i < RUNS + WARMUP; i++) {
  const edited = applyEdit(text, i);
  const t = performance.now();
  parse(edited, { file });
  if (i >= WARMUP) parses.push(performance.now() - t);
}

const formatted = (() => {
  const result = format(text, { file });
  if (!result.ok) throw new Error(`the benchmark document does not parse: ${result.diagnostics[0]?.message}`);
  return result.output;
})();

const client = await startClient(dir, { initializationOptions: { debounceMs: 0 } }, serverArgs);
const results: Record<string, Timing> = {};
try {
  let version = 1;
  let current = text;
  const open = async (content: string) => {
    const opened = client.diagnostics(uri, (p) => p.version === version);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'lighttpd', version, text: content } });
    await opened;
    current = content;
  };
  /** One keystroke's worth: the edit, then the diagnostics for exactly that version. */
  const edit = async (i: number) => {
    version++;
    const published = client.diagnostics(uri, (p) => p.version === version);
    const { line, character } = target;
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 1 } }, text: letter(i) }],
    });
    current = applyEdit(current, i);
    await published;
  };
  const formatRequest = () =>
    client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }) as Promise<TextEdit[] | null>;

  await open(text);
  // Typing: edit after edit, each waiting for its diagnostics.
  const relints: number[] = [];
  const coldRelints: number[] = [];
  for (let i = 0; i < RUNS + WARM_EDITS; i++) {
    const t = performance.now();
    await edit(i);
    const ms = performance.now() - t;
    if (i < COLD_EDITS) coldRelints.push(ms);
    if (i >= WARM_EDITS) relints.push(ms);
  }
  // Saving with format-on-save after each edit: the format request is timed.
  const formats: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    await edit(i);
    const f = performance.now();
    const edits = await formatRequest();
    if (i >= WARMUP) formats.push(performance.now() - f);
    if (!edits?.length) throw new Error('formatting the unformatted document returned no edits');
  }
  results.relint = timing(relints);
  results.relintCold = timing(coldRelints);
  results.format = timing(formats);

  // Format-on-save as it mostly happens: the document was formatted at the last save, one line changed since.
  client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  version++;
  target = editTarget(formatted);
  await open(formatted);
  const saves: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    await edit(i);
    // The server formats nothing it cannot parse (it answers with no edits, fast): time only real formats.
    const syntax = parse(current, { file }).diagnostics.filter((d) => d.severity === 'error');
    if (syntax.length > 0) throw new Error(`the edited formatted document does not parse: ${syntax[0]!.message}`);
    const f = performance.now();
    await formatRequest();
    if (i >= WARMUP) saves.push(performance.now() - f);
  }
  results.formatOnSave = timing(saves);

  // Typing while a line is half written: the document does not parse, so every version is parsed whole (and
  // lint-cache entries are found by text). No goal: a figure for what typing a new line costs.
  version++;
  const lastLine = current.split('\n').length - 1;
  const broken = client.diagnostics(uri, (p) => p.version === version);
  client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ range: { start: { line: lastLine, character: 0 }, end: { line: lastLine, character: 0 } }, text: 'server.port =\n' }],
  });
  current += 'server.port =\n';
  if (!(await broken).diagnostics.some((d) => d.code === 'syntax')) throw new Error('the half-written line gave no syntax error');
  const brokenRelints: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const t = performance.now();
    await edit(i);
    if (i >= WARMUP) brokenRelints.push(performance.now() - t);
  }
  results.relintBroken = timing(brokenRelints);
  results.parse = timing(parses);
} finally {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
}

const report = {
  document: { lines: lineCount, characters: text.length, source: args.file ?? 'generated' },
  server: serverKind === 'bundle' ? 'packages/cli/dist/lhconf.js lsp' : 'sources through tsx',
  goalMs: GOAL_MS,
  results,
};
if (args.json) writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`);
else {
  console.log(`document: ${lineCount} lines, ${text.length} characters; server: ${report.server}; ${RUNS} runs after ${WARMUP} warm-up (re-lints: after ${WARM_EDITS} edits)\n`);
  const rows: [string, Timing, boolean][] = [
    ['full parse, in-process (baseline)', results.parse!, false],
    ['one-line edit → diagnostics published', results.relint!, true],
    [`the same, first ${COLD_EDITS} edits after opening`, results.relintCold!, false],
    ['the same, document not parsing (half-written line)', results.relintBroken!, false],
    ['formatting round trip (every line changes)', results.format!, true],
    ['formatting round trip (formatted, one line edited)', results.formatOnSave!, true],
  ];
  for (const [name, t, goal] of rows) {
    const ratio = t.medianMs / results.parse!.medianMs;
    console.log(`${name.padEnd(52)} median ${t.medianMs.toFixed(2).padStart(7)} ms  p90 ${t.p90Ms.toFixed(2).padStart(7)} ms  ${ratio.toFixed(2)}× parse${goal ? (t.medianMs < GOAL_MS ? '' : `   (goal < ${GOAL_MS} ms)`) : ''}`);
  }
}
