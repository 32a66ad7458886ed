// The VS Code extension: its manifest, its TextMate grammar (tokenized with the engine VS Code uses) and the
// packaged .vsix, which must carry the bundled client and server.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { REPO, startClient } from './lsp-client.js';

const EXTENSION = path.join(REPO, 'editors/vscode');
const manifest = JSON.parse(readFileSync(path.join(EXTENSION, 'package.json'), 'utf8'));

describe('VS Code extension manifest', () => {
  it('declares the lighttpd language with its file associations, grammar and language configuration', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.contributes.languages).toEqual([
      expect.objectContaining({
        id: 'lighttpd',
        filenames: ['lighttpd.conf'],
        filenamePatterns: ['**/conf-available/*.conf', '**/conf-enabled/*.conf', '*.lighttpd.conf'],
        configuration: './language-configuration.json',
      }),
    ]);
    expect(manifest.contributes.grammars).toEqual([{ language: 'lighttpd', scopeName: 'source.lighttpd', path: './syntaxes/lighttpd.tmLanguage.json' }]);
    const languageConfiguration = JSON.parse(readFileSync(path.join(EXTENSION, 'language-configuration.json'), 'utf8'));
    expect(languageConfiguration.comments).toEqual({ lineComment: '#' });
    expect(languageConfiguration.brackets).toEqual([['{', '}'], ['(', ')'], ['[', ']']]);
  });
});

async function loadGrammar(): Promise<IGrammar> {
  const require = createRequire(import.meta.url);
  const wasm = readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
  await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (sources) => new OnigScanner(sources), createOnigString: (s) => new OnigString(s) }),
    loadGrammar: async (scopeName) => {
      if (scopeName !== 'source.lighttpd') return null;
      const file = path.join(EXTENSION, 'syntaxes/lighttpd.tmLanguage.json');
      return parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  return (await registry.loadGrammar('source.lighttpd'))!;
}

/** Each token of each line as `text=last scope`, whitespace left out. */
function tokenize(grammar: IGrammar, text: string): string[] {
  let state = INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, state);
    for (const t of result.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece.trim()) out.push(`${piece.trim()}=${t.scopes[t.scopes.length - 1]}`);
    }
    state = result.ruleStack;
  }
  return out;
}

describe('TextMate grammar', () => {
  it('scopes comments, keys, strings with \\", numbers, references, conditions, operators and keywords', async () => {
    const grammar = await loadGrammar();
    const tokens = tokenize(
      grammar,
      [
        '# comment',
        'var.root = "/srv" # trailing',
        'server.port = 8080',
        'server.tag := "say \\"hi\\""',
        'server.document-root = var.root + env.HOME',
        '$HTTP["host"] =~ "^a\\.example$" {',
        '  server.modules += ( "mod_a" => 1 )',
        '} else $SERVER["socket"] == ":443" { }',
        'include "conf.d/*.conf"',
        'include_shell "cat x"',
        'global { }',
      ].join('\n'),
    );
    expect(tokens).toEqual(
      expect.arrayContaining([
        '#=punctuation.definition.comment.lighttpd',
        'comment=comment.line.number-sign.lighttpd',
        'var.root=variable.other.readwrite.lighttpd',
        '==keyword.operator.assignment.lighttpd',
        'server.modules=variable.other.property.lighttpd',
        'server.port=variable.other.property.lighttpd',
        '8080=constant.numeric.integer.decimal.lighttpd',
        ':==keyword.operator.assignment.lighttpd',
        '\\"=constant.character.escape.lighttpd',
        'var=variable.language.scope.lighttpd',
        'HOME=variable.other.readwrite.lighttpd',
        'HTTP=variable.language.condition.lighttpd',
        'host=string.quoted.double.lighttpd',
        '=~=keyword.operator.comparison.lighttpd',
        '+==keyword.operator.assignment.lighttpd',
        '=>=keyword.operator.arrow.lighttpd',
        'else=keyword.control.conditional.lighttpd',
        '===keyword.operator.comparison.lighttpd',
        'include=keyword.control.import.lighttpd',
        'include_shell=keyword.control.import.lighttpd',
        'global=keyword.other.global.lighttpd',
      ]),
    );
    // The escaped quote does not end the string: the rest of the line is still string.
    expect(tokens).toContain('"=punctuation.definition.string.end.lighttpd');
    expect(tokens.filter((t) => t.startsWith('say'))).toEqual(['say=string.quoted.double.lighttpd']);
  });
});

/** Lists a zip's entries with the system's unzip (Debian) or Python's zipfile. */
function zipEntries(file: string): string[] {
  const unzip = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
  if (unzip.status === 0) return unzip.stdout.split('\n').filter(Boolean);
  const py = spawnSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file], { encoding: 'utf8' });
  if (py.status !== 0) throw new Error(`cannot list ${file}: ${unzip.error?.message ?? unzip.stderr} / ${py.stderr}`);
  return py.stdout.split('\n').filter(Boolean);
}

const vsix = path.join(EXTENSION, `${manifest.name}-${manifest.version}.vsix`);
// Built by `node scripts/build-lsp.mjs --vsix` (and by the build in CI). Skipped on a workstation without it;
// in CI a missing package is built here, and the test fails if that does not work.
const vsixIt = existsSync(vsix) || process.env.CI ? it : it.skip;

describe('.vsix package', () => {
  vsixIt('holds the manifest, grammar, language configuration and the bundled client and server, nothing else', () => {
    if (!existsSync(vsix)) {
      const build = spawnSync(process.execPath, [path.join(REPO, 'scripts/build-lsp.mjs'), '--vsix'], { cwd: REPO, encoding: 'utf8', timeout: 240_000 });
      expect(build.status, `node scripts/build-lsp.mjs --vsix failed:\n${build.stderr}`).toBe(0);
    }
    expect(existsSync(vsix), `${vsix} is missing: run node scripts/build-lsp.mjs --vsix`).toBe(true);
    const entries = zipEntries(vsix).sort();
    expect(entries).toEqual(
      expect.arrayContaining([
        'extension.vsixmanifest',
        'extension/package.json',
        'extension/language-configuration.json',
        'extension/syntaxes/lighttpd.tmLanguage.json',
        'extension/dist/extension.js',
        'extension/dist/server.js',
      ]),
    );
    expect(entries.filter((e) => e.includes('node_modules') || e.includes('/src/'))).toEqual([]);
  }, 300_000);

  vsixIt('carries a complete server: extracted alone, it starts and answers initialize', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lhconf-vsix-'));
    try {
      const unzip = spawnSync('unzip', ['-q', vsix, 'extension/dist/server.js', '-d', dir]);
      if (unzip.status !== 0)
        spawnSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("extension/dist/server.js", sys.argv[2])', vsix, dir]);
      const client = await startClient(dir, {}, [path.join(dir, 'extension/dist/server.js')]);
      expect(client.initializeResult.serverInfo?.name).toBe('lhconf-language-server');
      expect(client.initializeResult.capabilities.documentFormattingProvider).toBe(true);
      await client.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
