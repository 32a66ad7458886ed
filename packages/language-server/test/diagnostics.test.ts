// The lint scheduler in-process, where the timing can be controlled: an edit that arrives while a lint is
// running cancels it, and only the newest version's diagnostics are published.
import { describe, expect, it } from 'vitest';
import type { Connection, PublishDiagnosticsParams, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerContext } from '../src/context.js';
import { DiagnosticsScheduler } from '../src/diagnostics.js';
import { documentSymbols } from '../src/document-symbols.js';
import { foldingRanges } from '../src/folding-ranges.js';
import { hover } from '../src/hover.js';
import { complete } from '../src/completion.js';

function setUp() {
  const published: PublishDiagnosticsParams[] = [];
  const connection = {
    sendDiagnostics: async (p: PublishDiagnosticsParams) => void published.push(p),
    console: { error: (m: string) => void published.push({ uri: 'error', diagnostics: [{ message: m, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] }) },
  } as unknown as Connection;
  const open = new Map<string, TextDocument>();
  const documents = { get: (uri: string) => open.get(uri), all: () => [...open.values()] } as unknown as TextDocuments<TextDocument>;
  const ctx = new ServerContext(connection, documents);
  const scheduler = new DiagnosticsScheduler(ctx);
  return { ctx, scheduler, published, open };
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DiagnosticsScheduler', () => {
  it('abandons a running lint when a newer edit arrives, and publishes the newest version only', async () => {
    const { ctx, scheduler, published, open } = setUp();
    const uri = 'file:///tmp/lhconf-scheduler/lighttpd.conf';
    open.set(uri, TextDocument.create(uri, 'lighttpd', 1, 'server.port = "1"\n'));
    // The moment version 1 is parsed (its lint has started), the user types again.
    const get = ctx.parses.get.bind(ctx.parses);
    let edited = false;
    ctx.parses.get = (document, target) => {
      const parsed = get(document, target);
      if (!edited) {
        edited = true;
        open.set(uri, TextDocument.create(uri, 'lighttpd', 2, 'server.port = "2"\nserver.port = "3"\n'));
        scheduler.schedule(uri, 0);
      }
      return parsed;
    };
    scheduler.schedule(uri, 0);
    for (let i = 0; i < 100 && published.length === 0; i++) await settle(20);
    await settle(50);
    expect(scheduler.cancelled).toBe(1);
    expect(published.map((p) => p.version)).toEqual([2]);
    // Version 2 has two lines; version 1 had one.
    expect(published[0]!.diagnostics.map((d) => `${d.range.start.line + 1} ${d.code}`)).toEqual(expect.arrayContaining(['1 no-port-as-string', '2 no-port-as-string']));
    expect(ctx.lints.get(uri)?.version).toBe(2);
  });

  it('debounces: edits within the quiet period give one lint', async () => {
    const { ctx, scheduler, published, open } = setUp();
    ctx.options.debounceMs = 40;
    const uri = 'file:///tmp/lhconf-scheduler/quick.conf';
    for (let v = 1; v <= 5; v++) {
      open.set(uri, TextDocument.create(uri, 'lighttpd', v, `server.port = "${v}"\n`));
      scheduler.schedule(uri);
      await settle(5);
    }
    for (let i = 0; i < 100 && published.length === 0; i++) await settle(20);
    await settle(80);
    expect(published.map((p) => p.version)).toEqual([5]);
    expect(ctx.parses.parses).toBe(1);
  });

  it('parses each document version once, whatever the features asked', async () => {
    const { ctx, scheduler, published, open } = setUp();
    const uri = 'file:///tmp/lhconf-scheduler/features.conf';
    open.set(uri, TextDocument.create(uri, 'lighttpd', 1, '$HTTP["host"] == "a" {\n  server.tag = "x"\n}\n'));
    scheduler.schedule(uri, 0);
    for (let i = 0; i < 100 && published.length === 0; i++) await settle(20);
    const textDocument = { uri };
    const position = { line: 1, character: 4 };
    await hover(ctx, { textDocument, position });
    await complete(ctx, { textDocument, position });
    await documentSymbols(ctx, { textDocument });
    await foldingRanges(ctx, { textDocument });
    expect(ctx.parses.parses).toBe(1);
    open.set(uri, TextDocument.create(uri, 'lighttpd', 2, 'server.tag = "y"\n'));
    await documentSymbols(ctx, { textDocument });
    await foldingRanges(ctx, { textDocument });
    expect(ctx.parses.parses).toBe(2);
  });

  it('re-lints an edited document from its lint cache and publishes what a fresh lint of the text gives', async () => {
    const lines = ['server.port = "80"', 'server.tag = "lighttpd/1.4.69"', '$HTTP["host"] == "a" {', '  server.max-keep-alive-idle = "5"', '}', 'server.name = "x"', 'server.errorlog = "relative.log"'];
    const uri = 'file:///tmp/lhconf-scheduler/cached.conf';
    const lintVersion = async (setup: ReturnType<typeof setUp>, version: number, text: string) => {
      setup.open.set(uri, TextDocument.create(uri, 'lighttpd', version, text));
      const before = setup.published.length;
      setup.scheduler.schedule(uri, 0);
      for (let i = 0; i < 100 && setup.published.length === before; i++) await settle(20);
      return setup.published.at(-1)!;
    };
    const editing = setUp();
    await lintVersion(editing, 1, `${lines.join('\n')}\n`);
    // One line added at the top: the statements below it move down a line; those reparse kept are replayed.
    const edited = `server.modules = ( "mod_access" )\n${lines.join('\n')}\n`;
    const afterEdit = await lintVersion(editing, 2, edited);
    const cache = editing.scheduler.lintCaches.get(uri)!;
    expect(cache.replayed + cache.linted).toBe(6);
    expect(cache.replayed).toBeGreaterThanOrEqual(3);
    const fresh = await lintVersion(setUp(), 2, edited);
    expect(afterEdit.diagnostics.length).toBeGreaterThan(2);
    expect(afterEdit).toEqual(fresh);
  });
});
