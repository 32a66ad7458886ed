// Benchmark: the language server, warm, on a 2,000-line config. Measures what an editor waits for:
//   re-lint: a one-line edit (didChange) until its publishDiagnostics arrives (debounce set to 0);
//   format:  a textDocument/formatting request until its edits arrive (wall time);
// plus the same work in-process as CPU time (parse, + evaluate + lint, format) to show where the time goes.
// Run: node --conditions=@lhconf/source --import tsx packages/language-server/bench.ts [--runs N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { format } from '@lhconf/format';
import { LATEST_VERSION, LineMap, parse } from '@lhconf/parser';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentFormattingRequest } from 'vscode-languageserver-protocol/node';
import { lintDocument } from './src/diagnostics.js';
import { startClient } from './test/lsp-client.js';

const GOAL_MS = 20;
const runsFlag = process.argv.indexOf('--runs');
const RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 30;

/** A realistic config of `lines` lines: globals, then host blocks with rewrites, arrays and comments. */
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const report = (name: string, xs: number[]) => {
  const m = median(xs);
  console.log(`${name.padEnd(44)} median ${m.toFixed(2).padStart(7)} ms   p90 ${[...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!.toFixed(2).padStart(7)} ms${m < GOAL_MS ? '' : `   (goal < ${GOAL_MS} ms)`}`);
  return m;
};

const dir = mkdtempSync(path.join(tmpdir(), 'lhconf-bench-'));
const text = makeConfig(2000);
const uri = pathToFileURL(path.join(dir, 'lighttpd.conf')).href;
console.log(`document: ${text.split('\n').length - 1} lines, ${text.length} characters; ${RUNS} runs after warm-up\n`);

// In-process: the work itself.
{
  const file = path.join(dir, 'lighttpd.conf');
  const parses: number[] = [];
  const lints: number[] = [];
  const formats: number[] = [];
  // CPU time of this thread's work: on a busy machine wall time mostly measures the other processes.
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const settings = { config: {}, fileConfig: { ignored: false, targetVersion: LATEST_VERSION, noInlineSuppress: false, rules: new Map() } };
  for (let i = 0; i < RUNS + 5; i++) {
    const edited = text.replace('server.port = 80', `server.port = ${80 + i}`);
    let t = cpu();
    const { ast, diagnostics } = parse(edited, { file });
    const parsed = { uri, file, version: i, text: edited, targetVersion: LATEST_VERSION, ast, syntax: diagnostics, lines: new LineMap(edited) };
    const parsedAt = cpu();
    await lintDocument(parsed, settings, dir);
    if (i >= 5) parses.push(parsedAt - t), lints.push(cpu() - t);
    t = cpu();
    format(edited, { file });
    if (i >= 5) formats.push(cpu() - t);
  }
  report('in-process CPU: parse', parses);
  report('in-process CPU: parse + evaluate + lint', lints);
  report('in-process CPU: format (parses itself)', formats);
}

// Over the protocol, server warm.
const client = await startClient(dir, { initializationOptions: { debounceMs: 0 } });
try {
  let version = 1;
  const opened = client.diagnostics(uri);
  client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'lighttpd', version, text } });
  await opened;
  const relints: number[] = [];
  const formats: number[] = [];
  const line = text.split('\n').indexOf('server.port = 80');
  for (let i = 0; i < RUNS + 5; i++) {
    version++;
    const t = performance.now();
    const published = client.diagnostics(uri, (p) => p.version === version);
    client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character: 14 }, end: { line, character: 16 } }, text: String(80 + (i % 10)).padStart(2, '8') }],
    });
    await published;
    if (i >= 5) relints.push(performance.now() - t);
    const f = performance.now();
    await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    if (i >= 5) formats.push(performance.now() - f);
  }
  console.log('');
  const relint = report('server: one-line edit → diagnostics published', relints);
  const fmt = report('server: textDocument/formatting round trip', formats);
  console.log(`\n${relint < GOAL_MS && fmt < GOAL_MS ? 'within' : 'NOT within'} the ${GOAL_MS} ms goal`);
} finally {
  await client.stop();
  rmSync(dir, { recursive: true, force: true });
}
