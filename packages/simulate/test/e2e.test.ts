// End-to-end proof: the real lighttpd 1.4.69 on 127.0.0.1 with real CGI, FastCGI (spawn-fcgi) and proxy
// backends; for every request in fixtures/simulate/e2e/*/requests.txt, what `simulate` predicts (handler,
// path, status, redirect target) must equal what lighttpd does.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateText } from '@lhconf/parser';
import { diskFs, simulate, type SimulationResult } from '../src/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const casesDir = path.join(root, 'fixtures/simulate/e2e');
const backendsDir = path.join(root, 'fixtures/simulate/backends');
const LIGHTTPD = '/usr/sbin/lighttpd';
const spawnFcgi = ['/usr/bin/spawn-fcgi', '/usr/local/bin/spawn-fcgi'].find((p) => existsSync(p));
const haveTools = existsSync(LIGHTTPD) && spawnFcgi !== undefined;
const required = process.env.LHCONF_REQUIRE_LIGHTTPD === '1';

interface Observed { status: number; kind: string; path: string; location: string }

/** A free loopback port of at least 20000. */
async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (ok) return port;
  }
}

async function waitForPort(port: number, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on 127.0.0.1:${port}`);
}

async function waitFor(ready: () => boolean, ms = 8000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('backend did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

function request(port: number, method: string, url: string, host: string, headers: Record<string, string>): Promise<{ status: number; location: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: url, headers: { ...headers, Host: host }, timeout: 5000, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, location: String(res.headers.location ?? ''), body }));
    });
    req.on('timeout', () => req.destroy(new Error(`timeout: ${method} ${url}`)));
    req.on('error', reject);
    req.end();
  });
}

function observe(r: { status: number; location: string; body: string }): Observed {
  const field = (k: string) => new RegExp(`^${k}=(.*)$`, 'm').exec(r.body)?.[1] ?? '';
  const backend = field('backend');
  // The body says who answered, whatever the status (an error handler keeps the error's status).
  if (backend === 'proxy') return { status: r.status, kind: 'proxy', path: field('URL'), location: '' };
  // SCRIPT_NAME, PATH_INFO and QUERY_STRING as the CGI or FastCGI backend received them.
  if (backend) return { status: r.status, kind: backend, path: `${field('SCRIPT_NAME')}|${field('PATH_INFO')}|${field('QUERY_STRING')}`, location: '' };
  if (r.body.startsWith('static:')) return { status: r.status, kind: 'static', path: r.body.trim().slice('static:'.length), location: '' };
  if (r.status === 200 && r.body.includes('Index of')) return { status: 200, kind: 'dirlisting', path: '', location: '' };
  return { status: r.status, kind: 'none', path: '', location: r.location };
}

function predict(sim: SimulationResult, docroot: string, tmp: string): Observed {
  const o = sim.outcome;
  const h = o.handler;
  if (!h) return { status: o.status, kind: 'none', path: '', location: o.location ?? '' };
  switch (h.kind) {
    case 'proxy': return { status: o.status, kind: 'proxy', path: o.target, location: '' };
    case 'fastcgi': case 'scgi': case 'cgi': return { status: o.status, kind: h.kind, path: `${o.path}|${o.pathInfo}|${o.query ?? ''}`, location: '' };
    // Static files hold "static:<path below the docroot or the temporary directory>".
    case 'static': return { status: o.status, kind: 'static', path: path.relative(h.file.startsWith(docroot) ? docroot : tmp, h.file), location: '' };
    case 'dirlisting': return { status: o.status, kind: 'dirlisting', path: '', location: '' };
  }
}

/** The document root and the scripts every case shares. */
function makeTree(tmp: string, docroot: string): void {
  const cgiSh = readFileSync(path.join(backendsDir, 'cgi.sh'), 'utf8');
  const files: Record<string, string> = {
    'index.html': 'static:index.html\n', 'hello.txt': 'static:hello.txt\n', 'img.png': 'static:img.png\n',
    'secret.inc': 'static:secret.inc\n', 'backup~': 'static:backup~\n', 'data.secret': 'static:data.secret\n',
    'x.php': '', 'x.php5': '', 'sub/index.php': '', 'admin/index.html': 'static:admin/index.html\n', 'pub/file.txt': 'static:pub/file.txt\n',
    'empty/.keep': '', 'sub/page.txt': 'static:sub/page.txt\n', 'a b.txt': 'static:a b.txt\n', 'static/favicon.ico': 'static:static/favicon.ico\n', 'log/.keep': '',
    'a.cgi': cgiSh, 'hello.py': cgiSh, 'b.pl': readFileSync(path.join(backendsDir, 'cgi.pl'), 'utf8'),
    // Run by lighttpd as the FastCGI bin-path (no GATEWAY_INTERFACE), or by mod_cgi through cgi.assign.
    'hello_wsgi.fcgi': `#!/bin/sh\nif [ -n "$GATEWAY_INTERFACE" ]; then\n${cgiSh}\nelse\nexec ${process.execPath} ${path.join(backendsDir, 'fcgi-responder.mjs')}\nfi\n`,
  };
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(docroot, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  chmodSync(path.join(docroot, 'hello_wsgi.fcgi'), 0o755);
  mkdirSync(path.join(tmp, 'aliased'), { recursive: true });
  writeFileSync(path.join(tmp, 'aliased/page.txt'), 'static:aliased/page.txt\n');
  writeFileSync(path.join(tmp, 'aliased/run.cgi'), cgiSh);
  writeFileSync(path.join(tmp, 'users'), 'alice:secret\ncarol:pw\n');
}

function configText(caseDir: string, vars: Record<string, string>): string {
  let text: string;
  const caseJson = path.join(caseDir, 'case.json');
  if (existsSync(caseJson)) {
    const c = JSON.parse(readFileSync(caseJson, 'utf8')) as { from: string; replace: [string, string][]; append: string };
    text = readFileSync(path.join(root, c.from), 'utf8');
    for (const [from, to] of c.replace) text = text.replace(new RegExp(from, 'g'), to);
    text += `\n${c.append}`;
  } else {
    text = readFileSync(path.join(caseDir, 'lighttpd.conf'), 'utf8');
  }
  return text.replace(/@(\w+)@/g, (all, k: string) => vars[k] ?? all);
}

const cases = readdirSync(casesDir).sort();
const tally = { equal: 0, total: 0 };

describe.skipIf(!haveTools && !required)('simulate vs lighttpd 1.4.69', () => {
  const children: ChildProcess[] = [];
  let proxy: http.Server | undefined;
  let tmp = '';
  let docroot = '';
  const vars: Record<string, string> = {};

  beforeAll(async () => {
    if (!haveTools) throw new Error(`LHCONF_REQUIRE_LIGHTTPD=1 but ${existsSync(LIGHTTPD) ? 'spawn-fcgi' : LIGHTTPD} is missing`);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'lhconf-e2e-'));
    chmodSync(tmp, 0o755);
    docroot = path.join(tmp, 'docroot');
    makeTree(tmp, docroot);
    const [fcgiPort, proxyPort] = [await freePort(), await freePort()];
    const fcgiSocket = path.join(tmp, 'fcgi.sock');
    Object.assign(vars, { DOCROOT: docroot, SHARED: tmp, FCGI_PORT: String(fcgiPort), PROXY_PORT: String(proxyPort), FCGI_SOCKET: fcgiSocket });
    proxy = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      res.end(`backend=proxy\nURL=${req.url}\n`);
    });
    await new Promise<void>((resolve) => proxy!.listen(proxyPort, '127.0.0.1', resolve));
    const responder = ['--', process.execPath, path.join(backendsDir, 'fcgi-responder.mjs')];
    children.push(spawn(spawnFcgi!, ['-n', '-a', '127.0.0.1', '-p', String(fcgiPort), ...responder], { stdio: 'ignore' }));
    children.push(spawn(spawnFcgi!, ['-n', '-s', fcgiSocket, '-M', '0666', ...responder], { stdio: 'ignore' }));
    await waitForPort(fcgiPort);
    await waitFor(() => existsSync(fcgiSocket));
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await new Promise<void>((resolve) => (proxy ? proxy.close(() => resolve()) : resolve()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    // eslint-disable-next-line no-console
    console.log(`simulate vs lighttpd: predicted = observed for ${tally.equal}/${tally.total} requests`);
  });

  for (const name of cases) {
    it(name, async () => {
      const caseDir = path.join(casesDir, name);
      const port = await freePort();
      const caseTmp = path.join(tmp, name);
      mkdirSync(caseTmp, { recursive: true });
      const text = configText(caseDir, { ...vars, PORT: String(port), TMP: caseTmp });
      const confFile = path.join(caseTmp, 'lighttpd.conf');
      writeFileSync(confFile, text);
      const check = spawnSync(LIGHTTPD, ['-tt', '-f', confFile], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      const server = spawn(LIGHTTPD, ['-D', '-f', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
      children.push(server);
      try {
        await waitForPort(port);
        const evaluated = evaluateText(text, { file: confFile, targetVersion: '1.4.69' });
        const mismatches: string[] = [];
        const lines = readFileSync(path.join(caseDir, 'requests.txt'), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
        for (const line of lines) {
          // METHOD URL [HOST] [Name:value …]; "_" in a header value stands for a space.
          const [method, url, ...rest] = line.trim().split(/\s+/) as [string, string, ...string[]];
          // A header name has no "." (a host with a port has one, or is localhost).
          const isHeader = (w: string) => /^[A-Za-z][A-Za-z0-9-]*:/.test(w) && !w.startsWith('localhost:');
          const host = rest.find((w) => !isHeader(w)) ?? 'localhost';
          const headers = Object.fromEntries(rest.filter(isHeader).map((w) => [w.slice(0, w.indexOf(':')), w.slice(w.indexOf(':') + 1).replace(/_/g, ' ')]));
          const observed = observe(await request(port, method, url, host, headers));
          const sim = simulate(evaluated, { method, url, host, headers, scheme: 'http', remoteIp: '127.0.0.1', socket: `127.0.0.1:${port}` }, { fs: diskFs() });
          const predicted = predict(sim, docroot, tmp);
          if (process.env.LHCONF_E2E_VERBOSE) console.log(`${name}: ${line} => ${JSON.stringify(observed)}`);
          tally.total++;
          if (JSON.stringify(predicted) === JSON.stringify(observed)) tally.equal++;
          else mismatches.push(`${line}\n    predicted ${JSON.stringify(predicted)}\n    observed  ${JSON.stringify(observed)}`);
        }
        expect(mismatches, mismatches.join('\n')).toEqual([]);
      } finally {
        server.kill('SIGTERM');
        await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
      }
    });
  }

  // Runs after the cases (tests in a describe run in order): the proof must stay broad.
  it('compares at least 60 requests across at least 6 configs, the classic one with and without mod_rewrite', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
    expect(cases).toEqual(expect.arrayContaining(['classic', 'classic-rewrite']));
    expect(tally.total).toBeGreaterThanOrEqual(60);
    expect(tally.equal).toBe(tally.total);
  });
});
