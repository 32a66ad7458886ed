import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// The packages as npm would publish them: the libraries built (scripts/build-libs.mjs) and packed, the lhconf
// tarball installed alone into an empty directory with an empty npm cache and --offline (its bundle carries
// @lhconf/*, chalk and yargs, so it must need nothing from a registry), then run from there. Also checks that the
// GitHub Action and the pre-commit hooks parse and use only flags `lhconf lint --help` lists.
const repo = fileURLToPath(new URL('../../../', import.meta.url));
const cliPackage = path.join(repo, 'packages/cli');
const cliManifest = JSON.parse(readFileSync(path.join(cliPackage, 'package.json'), 'utf8')) as { name: string; version: string };
const LIBRARIES = ['parser', 'lint', 'format'];

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], options: SpawnSyncOptions & { env?: NodeJS.ProcessEnv } = {}): Run {
  const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env };
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options, env });
  if (r.error) throw r.error;
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

function ok(what: string, r: Run): Run {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** pnpm itself when the tests run under it (it rewrites `workspace:*` on pack), else the one CI uses. */
function pnpm(args: string[], cwd: string): Run {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath))) {
    // pnpm 12 installs a native executable as its bin; older ones a JavaScript file that node runs.
    const head = Buffer.alloc(4);
    const fd = openSync(execPath, 'r');
    readSync(fd, head, 0, 4, 0);
    closeSync(fd);
    const native = head.toString('latin1') === '\x7fELF';
    return native ? run(execPath, args, { cwd }) : run(process.execPath, [execPath, ...args], { cwd });
  }
  return run('npx', ['-y', 'pnpm@12', ...args], { cwd });
}

let work: string;
/** A private copy of packages/cli as published: built here, so e2e.test.ts's build of dist/ never races this one. */
let stagedCli: string;
let stagedBin: string;

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'lhconf-pack-'));
  // scripts/build.mjs builds relative to its working directory: give it one whose packages/cli/src is the real one.
  stagedCli = path.join(work, 'stage/packages/cli');
  mkdirSync(stagedCli, { recursive: true });
  symlinkSync(path.join(cliPackage, 'src'), path.join(stagedCli, 'src'), 'dir');
  ok('scripts/build.mjs', run(process.execPath, [path.join(repo, 'scripts/build.mjs')], { cwd: path.join(work, 'stage') }));
  rmSync(path.join(stagedCli, 'src'));
  for (const file of ['package.json', 'README.md', 'LICENSE']) copyFileSync(path.join(cliPackage, file), path.join(stagedCli, file));
  stagedBin = path.join(stagedCli, 'dist/lhconf.js');
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('published packages', () => {
  let installDir: string;
  let npmCache: string;
  /** npm with an empty cache of its own and no network: a dependency to fetch is an ENOTCACHED error. */
  const npm = (args: string[], cwd: string) => run('npm', [...args, '--offline', '--cache', npmCache, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd });

  beforeAll(() => {
    npmCache = path.join(work, 'npm-cache');
    installDir = path.join(work, 'install');
    mkdirSync(installDir);
    ok('scripts/build-libs.mjs', run(process.execPath, [path.join(repo, 'scripts/build-libs.mjs')], { cwd: repo }));
  }, 240_000);

  it('tarballs hold no tests or fixtures, and what each package needs', () => {
    const packages = readdirSync(path.join(repo, 'packages')).filter((name) => existsSync(path.join(repo, 'packages', name, 'package.json')));
    for (const name of packages) {
      const dir = path.join(repo, 'packages', name);
      if (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).private) continue;
      const [report] = JSON.parse(ok(`npm pack --dry-run in packages/${name}`, run('npm', ['pack', '--dry-run', '--json'], { cwd: dir })).stdout) as {
        files: { path: string }[];
      }[];
      const files = report!.files.map((f) => f.path);
      const unwanted = files.filter((f) => /(^|\/)(test|tests|__tests__|fixtures|__snapshots__)\//.test(f) || /\.test\.[cm]?[jt]s$/.test(f) || /\.(conf|snap)$/.test(f));
      expect(unwanted, `packages/${name}`).toEqual([]);
      expect(files, `packages/${name}`).toContain('package.json');
      expect(files, `packages/${name}`).toContain('README.md');
      if (LIBRARIES.includes(name)) {
        expect(files, `packages/${name}`).toEqual(expect.arrayContaining(['LICENSE', 'dist/index.js', 'dist/index.d.ts']));
        expect(files.filter((f) => f.endsWith('.map') || f.startsWith('src/')), `packages/${name}`).toEqual([]);
      }
    }
    const cli = JSON.parse(run('npm', ['pack', '--dry-run', '--json'], { cwd: cliPackage }).stdout)[0].files.map((f: { path: string }) => f.path);
    expect(cli.sort()).toEqual(['LICENSE', 'README.md', 'dist/lhconf.js', 'dist/lhconf.js.LEGAL.txt', 'package.json']);
  }, 120_000);

  it('library tarballs name published versions, not workspace links', () => {
    const out = path.join(work, 'libs');
    for (const name of LIBRARIES) {
      ok(`pnpm pack in packages/${name}`, pnpm(['pack', '--pack-destination', out], path.join(repo, 'packages', name)));
    }
    for (const tarball of readdirSync(out)) {
      const manifest = ok('tar', run('tar', ['-xzOf', path.join(out, tarball), 'package/package.json'])).stdout;
      expect(manifest, tarball).not.toContain('workspace:');
      const { exports: exported, types } = JSON.parse(manifest);
      expect(exported['.'], tarball).toMatchObject({ types: './dist/index.d.ts', default: './dist/index.js' });
      expect(types, tarball).toBe('./dist/index.d.ts');
    }
    // The built JS loads without the "@lhconf/source" condition, the way users import it.
    const probe = "const f = await import('@lhconf/format'); const l = await import('@lhconf/lint'); console.log(typeof f.format, typeof l.lintText)";
    expect(ok('import dist', run(process.execPath, ['--input-type=module', '-e', probe], { cwd: path.join(repo, 'packages/cli') })).stdout).toBe('function function\n');
  }, 120_000);

  it('the lhconf tarball installs alone, offline, and runs', () => {
    const packed = JSON.parse(ok('npm pack lhconf', npm(['pack', '--json', '--pack-destination', work], stagedCli)).stdout) as { filename: string }[];
    const tarball = path.join(work, packed[0]!.filename);
    const manifest = JSON.parse(ok('tar', run('tar', ['-xzOf', tarball, 'package/package.json'])).stdout);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) expect(manifest[field], field).toBeUndefined();

    writeFileSync(path.join(installDir, 'package.json'), '{ "name": "lhconf-pack-test", "private": true }\n');
    const install = npm(['install', tarball], installDir);
    if (install.code !== 0) {
      const why = /ENOTCACHED|offline/i.test(install.stderr) ? 'npm wanted the network: the tarball declares a dependency its bundle should carry' : 'npm install failed';
      throw new Error(`${why}\n${install.stderr}`);
    }
    expect(readdirSync(path.join(installDir, 'node_modules')).filter((d) => !d.startsWith('.')).sort()).toEqual(['lhconf']);

    const npx = (args: string[]) => run('npx', ['--offline', '--cache', npmCache, '--no', '--', 'lhconf', ...args], { cwd: installDir });
    expect(npx(['--version'])).toMatchObject({ code: 0, stdout: `${cliManifest.version}\n` });

    // Clean for every rule: an unprivileged port, and .git and "~" backups denied (require-server-username, require-deny-vcs).
    const cleanConf =
      'server.modules = ( "mod_access" )\nserver.document-root = "/srv/www"\nserver.port = 8080\nurl.access-deny = ( "~" )\n' +
      '$HTTP["url"] =~ "/\\.(git|svn|hg)(/|$)" { url.access-deny = ( "" ) }\n';
    writeFileSync(path.join(installDir, 'clean.conf'), cleanConf);
    writeFileSync(path.join(installDir, 'twice.conf'), `${cleanConf}server.port = 8081\n`);
    const clean = npx(['lint', 'clean.conf']);
    // npm may warn about the machine's own npm config on stderr; lhconf itself says nothing.
    expect({ ...clean, stderr: clean.stderr.replace(/^npm warn .*\n/gm, '') }).toEqual({ code: 0, stdout: '', stderr: '' });
    const twice = npx(['lint', 'twice.conf']);
    expect(twice.code).toBe(1);
    expect(twice.stdout).toContain('twice.conf:6:1');
    expect(twice.stdout).toContain('no-duplicate-assignment');
    const json = JSON.parse(npx(['lint', '--format', 'json', 'twice.conf']).stdout);
    expect(json.results[0].diagnostics.map((d: { ruleId: string }) => d.ruleId)).toEqual(['no-duplicate-assignment']);
    expect(npx(['lint', '--bogus-flag', 'clean.conf']).code).toBe(2);
  }, 120_000);
});

describe('CI integration files', () => {
  const help = (command: string) => ok(`lhconf ${command} --help`, run(process.execPath, [stagedBin, command, '--help'])).stdout;
  /** The long flags of `lhconf <command> …` in a command line, up to a redirection. */
  const flagsOf = (line: string, command: string) => {
    const rest = line.slice(line.indexOf(` ${command}`) + command.length + 1).split(/\s[<>|]/)[0]!;
    return [...rest.matchAll(/(?<![\w-])--([a-z][a-z-]*)/g)].map((m) => `--${m[1]}`);
  };
  const expectListed = (flags: string[], helpText: string, where: string) => {
    for (const flag of flags) expect(helpText, `${where}: ${flag}`).toMatch(new RegExp(`\\s--${flag.replace(/^--(no-)?/, '')}(?![\\w-])`));
  };

  it('action.yml is a composite action that lints with lhconf and uploads SARIF', () => {
    const action = parseYaml(readFileSync(path.join(repo, 'action.yml'), 'utf8'));
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['files', 'format', 'target-version', 'args']));
    expect(action.inputs.format.default).toBe('sarif');
    const steps = action.runs.steps as { uses?: string; run?: string; shell?: string; if?: string }[];
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.if).toBe("inputs.format == 'sarif'");
    for (const step of steps) if (step.run) expect(step.shell).toBe('bash');

    const lintHelp = help('lint');
    const script = steps.map((s) => s.run ?? '').join('\n');
    const flags = [...script.matchAll(/cmd\+=\((.*)\)/g)].flatMap((m) => flagsOf(` lint ${m[1]}`, 'lint'));
    expect(flags).toEqual(expect.arrayContaining(['--format', '--target-version']));
    expectListed(flags, lintHelp, 'action.yml');
    for (const format of ['sarif', 'github']) expect(lintHelp).toContain(`"${format}"`);
  });

  it('.pre-commit-hooks.yaml runs lhconf lint and lhconf format --check on *.conf', () => {
    const hooks = parseYaml(readFileSync(path.join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; args?: string[] }[];
    expect(hooks.map((h) => h.id)).toEqual(['lhconf-lint', 'lhconf-format-check']);
    for (const hook of hooks) {
      expect(hook).toMatchObject({ language: 'node', files: '\\.conf$' });
      const [bin, command, ...rest] = hook.entry.split(/\s+/);
      expect(bin).toBe(Object.keys(JSON.parse(readFileSync(path.join(cliPackage, 'package.json'), 'utf8')).bin)[0]);
      expectListed(flagsOf(` ${command} ${[...rest, ...(hook.args ?? [])].join(' ')}`, command!), help(command!), hook.id);
      expect(new RegExp(hook.files).test('conf.d/10-ssl.conf')).toBe(true);
    }
  });

  it('docs/ci.md uses only flags lhconf lists', () => {
    const doc = readFileSync(path.join(repo, 'docs/ci.md'), 'utf8');
    for (const command of ['lint', 'format']) {
      const helpText = help(command);
      for (const line of doc.split('\n').filter((l) => new RegExp(`\\blhconf(@[\\w.-]+)? ${command}\\b`).test(l))) {
        expectListed(flagsOf(line, command), helpText, `docs/ci.md: ${line.trim()}`);
      }
    }
  });
});
