import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from '@lhconf/format';
import { lintEvaluation, loadConfig } from '@lhconf/lint';
import { evaluateFile } from '@lhconf/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  DocumentSymbolRequest,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { REPO, startClient } from './lsp-client.js';

const FIXTURE = path.join(REPO, 'fixtures/lsp/basic');
let dir: string;
let client: Awaited<ReturnType<typeof startClient>>;
const docs = new Map<string, TextDocument>();

const uriOf = (file: string) => pathToFileURL(path.join(dir, file)).href;

function open(file: string, text = readFileSync(path.join(dir, file), 'utf8')): string {
  const uri = uriOf(file);
  docs.set(uri, TextDocument.create(uri, 'lighttpd', 1, text));
  client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'lighttpd', version: 1, text } });
  return uri;
}

function change(uri: string, text: string): number {
  const doc = docs.get(uri)!;
  const next = TextDocument.create(uri, 'lighttpd', doc.version + 1, text);
  docs.set(uri, next);
  client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
  return next.version;
}

function close(uri: string) {
  client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  docs.delete(uri);
}

const apply = (uri: string, edits: TextEdit[]) => TextDocument.applyEdits(docs.get(uri)!, edits);

/** The position of the first `needle` in the document, plus `delta` characters. */
function at(uri: string, needle: string, delta = 0): Position {
  const doc = docs.get(uri)!;
  const offset = doc.getText().indexOf(needle);
  if (offset < 0) throw new Error(`"${needle}" not in ${uri}`);
  return doc.positionAt(offset + delta);
}

const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);

/**
 * What `lhconf lint` finds in the fixture, file by file (`line:column rule`), computed with @lhconf/lint: the
 * rules keep changing, the server must report whatever they say.
 */
async function expectedLint(main: string): Promise<Map<string, string[]>> {
  const { config } = await loadConfig(dir, (f) => (existsSync(f) ? readFileSync(f, 'utf8') : undefined));
  const out = new Map<string, string[]>();
  for (const d of lintEvaluation(evaluateFile(path.join(dir, main), { cwd: dir }), config)) {
    const key = path.relative(dir, d.range.file);
    out.set(key, [...(out.get(key) ?? []), `${d.range.start.line}:${d.range.start.column} ${d.ruleId}`]);
  }
  return out;
}

async function completionLabels(text: string, marker = '|'): Promise<CompletionItem[]> {
  const uri = open(`completion-${Math.random().toString(36).slice(2)}.conf`, text.replace(marker, ''));
  const position = docs.get(uri)!.positionAt(text.indexOf(marker));
  const result = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position })) as CompletionItem[] | CompletionList | null;
  close(uri);
  return Array.isArray(result) ? result : (result?.items ?? []);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'lhconf-lsp-'));
  cpSync(FIXTURE, dir, { recursive: true });
  client = await startClient(dir);
});

afterAll(async () => {
  await client?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('language server over stdio', () => {
  it('initializes and advertises every feature it serves', () => {
    expect(client.initializeResult.serverInfo?.name).toBe('lhconf-language-server');
    expect(client.initializeResult.capabilities).toMatchObject({
      textDocumentSync: 2,
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      hoverProvider: true,
      completionProvider: { triggerCharacters: expect.arrayContaining(['.', '"', '$']) },
      definitionProvider: true,
      documentSymbolProvider: true,
      foldingRangeProvider: true,
    });
  });

  it('publishes the lint diagnostics of an opened file, and those of its includes with the include chain', async () => {
    const included = client.diagnostics(uriOf('conf.d/extra.conf'));
    const published = client.diagnostics(uriOf('lighttpd.conf'));
    open('lighttpd.conf');
    const main = await published;
    const expected = await expectedLint('lighttpd.conf');
    expect(summary(main.diagnostics)).toEqual(expected.get('lighttpd.conf'));
    expect(summary(main.diagnostics)).toEqual(expect.arrayContaining(['5:15 no-port-as-string', '6:1 no-unknown-directive']));
    expect(main.diagnostics.find((d) => d.code === 'no-port-as-string')).toMatchObject({ source: 'lhconf', severity: 2, message: '"server.port" takes a number; write 8080 without quotes.' });
    const extra = await included;
    expect(summary(extra.diagnostics)).toEqual(expected.get('conf.d/extra.conf'));
    const boolean = extra.diagnostics.find((d) => d.code === 'no-invalid-boolean')!;
    expect(boolean.relatedInformation).toEqual([
      { location: { uri: uriOf('lighttpd.conf'), range: { start: { line: 11, character: 0 }, end: { line: 11, character: 27 } } }, message: 'included from here' },
    ]);
  });

  it('formats the whole document like @lhconf/format, and range-formats only the statements touched', async () => {
    const uri = uriOf('lighttpd.conf');
    const text = docs.get(uri)!.getText();
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
    const expected = format(text);
    expect(expected.ok && expected.output).not.toBe(text);
    expect(apply(uri, edits!)).toBe(expected.ok && expected.output);

    const range = { start: at(uri, '$HTTP'), end: at(uri, 'url.rewrite-once') };
    const ranged = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, { textDocument: { uri }, range, options: { tabSize: 2, insertSpaces: true } });
    expect(ranged).toHaveLength(1);
    expect(apply(uri, ranged!)).toBe(text.replace('  url.rewrite-once = ( "^/old/(.*)" => "/new/$1" )', '    url.rewrite-once = ("^/old/(.*)" => "/new/$1")'));
  });

  it('formats edit after edit like @lhconf/format (its check re-parses each output from the last one)', async () => {
    const uri = open('reformat.conf', readFileSync(path.join(dir, 'lighttpd.conf'), 'utf8').replace('include "conf.d/extra.conf"', ''));
    await client.diagnostics(uri);
    const edits = [
      (t: string) => t.replace('"/html"', '"/htdocs"'),
      (t: string) => t.replace('server.port = "8080"', 'server.port="8081"'),
      (t: string) => `${t}\n$HTTP["url"] =~ "^/x" {\nurl.access-deny=("")\n}\n`,
      (t: string) => t.replace('url.access-deny=("")', 'url.access-deny=("~",".inc")  # backups'),
    ];
    for (const edit of edits) {
      const text = edit(docs.get(uri)!.getText());
      const version = change(uri, text);
      await client.diagnostics(uri, (p) => p.version === version);
      const result = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      const expected = format(text);
      expect(expected.ok).toBe(true);
      expect(apply(uri, result ?? [])).toBe(expected.ok && expected.output);
    }
    close(uri);
  });

  it('formats CRLF text into CRLF text, and serves documents that are not files (untitled:)', async () => {
    const uri = open('crlf.conf', 'server.port=80\r\n$HTTP["url"]=~"^/a"{\r\nserver.tag="x"\r\n}\r\n');
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    const expected = format(docs.get(uri)!.getText());
    expect(apply(uri, edits!)).toBe(expected.ok && expected.output);
    expect(expected.ok && expected.output).toContain('\r\n    server.tag = "x"\r\n');
    close(uri);

    const untitled = 'untitled:Untitled-1';
    docs.set(untitled, TextDocument.create(untitled, 'lighttpd', 1, 'server.port = "80"\n'));
    const published = client.diagnostics(untitled);
    client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: untitled, languageId: 'lighttpd', version: 1, text: 'server.port = "80"\n' } });
    expect(summary((await published).diagnostics)).toContain('1:15 no-port-as-string');
    close(untitled);
  });

  it('refuses to format text with syntax errors (no edits)', async () => {
    const uri = open('broken.conf', 'server.port = = 80\nserver.tag  =  "x"\n');
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
    const ranged = await client.connection.sendRequest(DocumentRangeFormattingRequest.type, {
      textDocument: { uri },
      range: { start: { line: 1, character: 0 }, end: { line: 1, character: 5 } },
      options: { tabSize: 4, insertSpaces: true },
    });
    close(uri);
    expect(edits ?? []).toEqual([]);
    expect(ranged ?? []).toEqual([]);
  });

  it('hovers directives, module names in server.modules and condition fields', async () => {
    const uri = uriOf('lighttpd.conf');
    const hoverAt = async (needle: string, delta = 1) => {
      const result = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(uri, needle, delta) });
      return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
    };
    const port = await hoverAt('server.port');
    expect(port).toContain('**server.port** · `short` · module `core`');
    expect(port).toContain('scope: global scope only');
    expect(port).toContain('https://redmine.lighttpd.net/projects/lighttpd/wiki/Docs_ConfigurationOptions');
    const rewrite = await hoverAt('"mod_rewrite"', 2);
    expect(rewrite).toContain('**mod_rewrite**');
    expect(rewrite).toMatch(/Provides: .*`url\.rewrite-once`/);
    const host = await hoverAt('"host"', 2);
    expect(host).toContain('**$HTTP["host"]**');
    expect(host).toContain('Compared against: request authority');
    expect(host).toContain('- `=~` regex match');
    expect(await hoverAt('var.basedir + ', 2)).toContain('var.basedir = "/var/www"');
  });

  it('completes keys by scope, module names, enum values, condition fields, operators and variables', async () => {
    const global = await completionLabels('var.root = "/srv"\nserver.po|\n');
    const port = global.find((i) => i.label === 'server.port');
    expect(port).toMatchObject({ detail: 'core · short', labelDetails: { description: 'core' } });
    expect(global.map((i) => i.label)).toContain('var.root');
    const inCondition = await completionLabels('$HTTP["url"] =^ "/a" {\n  |\n}\n');
    expect(inCondition.map((i) => i.label)).not.toContain('server.port');
    expect(inCondition.map((i) => i.label)).toContain('dir-listing.activate');
    const inSocket = await completionLabels('$SERVER["socket"] == ":443" {\n  |\n}\n');
    expect(inSocket.map((i) => i.label)).toContain('ssl.engine');
    expect(inSocket.map((i) => i.label)).not.toContain('server.port');

    const mods = await completionLabels('server.modules = ( "mod_access", "mod_re| )\n');
    expect(mods.map((i) => i.label)).toContain('mod_rewrite');
    expect(mods.map((i) => i.label)).not.toContain('mod_access');
    const values = await completionLabels('dir-listing.activate = "|\n');
    expect(values.map((i) => i.label)).toEqual(['enable', 'disable']);
    const fields = await completionLabels('$HTTP["|');
    expect(fields.map((i) => i.label)).toEqual(expect.arrayContaining(['host', 'url', 'remote-ip', 'scheme']));
    const operators = await completionLabels('$HTTP["url"] |');
    expect(operators.map((i) => i.label)).toEqual(['==', '!=', '=~', '!~', '=^', '=$']);
    const variables = await completionLabels('var.a = "1"\n$HTTP["url"] =^ "/x" {\n  var.b = "2"\n}\nserver.tag = var.|\n');
    expect(variables.map((i) => i.label)).toEqual(['var.a']);
  });

  it('goes to the definition of a variable and to the file an include reads', async () => {
    const uri = uriOf('lighttpd.conf');
    const variable = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(uri, 'var.basedir + ', 4) });
    expect(variable).toEqual([{ uri, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } } }]);
    const include = await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(uri, 'conf.d/extra', 3) });
    expect(include).toEqual([{ uri: uriOf('conf.d/extra.conf'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('offers rule fixes marked safe or unsafe and "disable <rule> for this line", as workspace edits', async () => {
    const uri = uriOf('lighttpd.conf');
    const latest = client.published.filter((p) => p.uri === uri).at(-1)!;
    const portDiagnostic = latest.diagnostics.find((d) => d.code === 'no-port-as-string')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: portDiagnostic.range,
      context: { diagnostics: [portDiagnostic] },
    });
    const titles = (actions ?? []).map((a) => a.title);
    expect(titles).toEqual([expect.stringMatching(/ \(safe fix\)$/), 'Disable no-port-as-string for this line']);
    const edits = (edit: WorkspaceEdit | undefined) =>
      (edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? (c.edits as TextEdit[]) : []));
    const fixed = apply(uri, edits((actions![0] as { edit?: WorkspaceEdit }).edit));
    expect(fixed).toContain('server.port = 8080\n');
    const disabled = apply(uri, edits((actions![1] as { edit?: WorkspaceEdit }).edit));
    expect(disabled).toContain('# lhconf-disable-next-line no-port-as-string\nserver.port = "8080"\n');

    const unknown = latest.diagnostics.find((d) => d.code === 'no-unknown-directive')!;
    const unsafe = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: unknown.range, context: { diagnostics: [unknown] } });
    expect((unsafe ?? []).map((a) => a.title)).toContain('Disable no-unknown-directive for this line');

    // Applying the fix as an editor would: the next diagnostics no longer have the problem.
    const next = client.diagnostics(uri, (p) => p.version === 2);
    change(uri, fixed);
    const after = summary((await next).diagnostics);
    expect(after).toContain('6:1 no-unknown-directive');
    expect(after.filter((d) => d.endsWith('no-port-as-string'))).toEqual([]);
  });

  it('adds a rule to the disable comment already above the line instead of writing a second one', async () => {
    const uri = open('disable.conf', '    # lhconf-disable-next-line no-unknown-directive -- legacy\n    server.port = "80"\n');
    const { diagnostics } = await client.diagnostics(uri);
    const port = diagnostics.find((d) => d.code === 'no-port-as-string')!;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: port.range, context: { diagnostics: [port] } });
    const disable = actions!.find((a) => a.title === 'Disable no-port-as-string for this line') as { edit?: WorkspaceEdit };
    const edits = (disable.edit?.documentChanges ?? []).flatMap((c) => ('edits' in c ? (c.edits as TextEdit[]) : []));
    expect(apply(uri, edits)).toBe('    # lhconf-disable-next-line no-unknown-directive, no-port-as-string -- legacy\n    server.port = "80"\n');
    close(uri);
  });

  it('lints only the newest of several quick edits (debounced; older lints cancelled)', async () => {
    const uri = open('quick.conf', 'server.port = "1"\n');
    await client.diagnostics(uri);
    const seen: number[] = [];
    const last = client.diagnostics(uri, (p) => (seen.push(p.version!), p.version === 7));
    for (let i = 2; i <= 7; i++) change(uri, `server.port = "${i}"\n`.repeat(i - 1));
    const published = await last;
    expect(seen).toEqual([7]);
    expect(published.diagnostics.filter((d) => d.code === 'no-port-as-string')).toHaveLength(6);
    close(uri);
  });

  it('after edit upon edit (re-parsed incrementally) publishes what a fresh open of the same text gets', async () => {
    // Without the include: closing a document clears its diagnostics of included files, which would reach later tests.
    const base = readFileSync(path.join(dir, 'lighttpd.conf'), 'utf8').replace('include "conf.d/extra.conf"', '');
    const full = (p: { diagnostics: Diagnostic[] }) => p.diagnostics.map((d) => `${summary([d])[0]} ${d.message}`);
    const uri = open('edited.conf', base);
    await client.diagnostics(uri);
    // In a string, a line added and removed, a block opened and closed, a syntax error and its repair.
    const steps = [
      (t: string) => t.replace('"/html"', '"/htdocs"'),
      (t: string) => t.replace('server.port = "8080"\n', 'server.port = "8080"\nserver.tag = "x"\n'),
      (t: string) => t.replace('$HTTP["host"] == "example.org" {', '$HTTP["host"] == "example.org" {\n  $HTTP["url"] =^ "/a" { server.port = 1 }'),
      (t: string) => t.replace('server.tag = "x"\n', ''),
      (t: string) => t.replace('url.rewrite-once =', 'url.rewrite-once == '),
      (t: string) => t.replace('url.rewrite-once == ', 'url.rewrite-once = '),
    ];
    let text = base;
    for (const step of steps) {
      const next = step(text);
      expect(next).not.toBe(text);
      text = next;
      const version = change(uri, text);
      const edited = await client.diagnostics(uri, (p) => p.version === version);
      const freshUri = open(`fresh-${version}.conf`, text);
      const fresh = await client.diagnostics(freshUri);
      close(freshUri);
      expect(full(edited)).toEqual(full(fresh));
    }
    close(uri);
  });

  it('reads .lhconfrc.json for the file and reloads it when the client reports a change', async () => {
    const uri = open('conf.d/extra.conf');
    const first = summary((await client.diagnostics(uri)).diagnostics);
    expect(first).toEqual(expect.arrayContaining(['1:1 no-module-not-loaded', '1:24 no-invalid-boolean']));
    writeFileSync(path.join(dir, '.lhconfrc.json'), JSON.stringify({ rules: { 'no-module-not-loaded': 'off' } }));
    const reloaded = client.diagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'no-module-not-loaded'));
    client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf('.lhconfrc.json'), type: FileChangeType.Created }] });
    expect(summary((await reloaded).diagnostics)).toEqual(first.filter((d) => !d.endsWith('no-module-not-loaded')));
    expect(client.registrations).toMatchObject([{ method: 'workspace/didChangeWatchedFiles' }]);
    close(uri);
  });

  it('outlines conditionals and assignments, and folds blocks, arrays and comment runs', async () => {
    const uri = open('outline.conf', '# one\n# two\nvar.x = 1\n$HTTP["host"] == "a" {\n  server.tag = "a"\n  mimetype.assign = (\n    ".a" => "b",\n  )\n}\nelse {\n  server.tag = "b"\n}\n');
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as { name: string; children?: { name: string }[] }[];
    expect(symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)])).toEqual([
      ['var.x', []],
      ['$HTTP["host"] == "a"', ['server.tag', 'mimetype.assign']],
      ['else', ['server.tag']],
    ]);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(folds).toEqual(
      expect.arrayContaining([
        { startLine: 3, endLine: 7 },
        { startLine: 5, endLine: 6 },
        { startLine: 9, endLine: 10 },
        { startLine: 0, endLine: 1, kind: 'comment' },
      ]),
    );
    close(uri);
  });
});
