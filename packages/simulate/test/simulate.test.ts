import { describe, expect, it } from 'vitest';
import { evaluateText } from '@lhconf/parser';
import { manifestFs, simulate, translateRegex } from '../src/index.js';

const conf = `server.modules = ("mod_rewrite", "mod_redirect", "mod_access", "mod_auth", "mod_fastcgi")
server.document-root = "/srv/www"
url.access-deny = ("~")
auth.require = ("/admin/" => ("method" => "basic", "realm" => "r", "require" => "valid-user"))
fastcgi.server = (".php" => (("host" => "127.0.0.1", "port" => 9000)))
$HTTP["host"] =~ "^(www)\\.example\\.com$" {
  url.redirect = ("^/old$" => "https://example.com/%1/new")
}
url.rewrite-once = ("^/x$" => "/index.php?x")
`;
const ev = evaluateText(conf, { file: 'test.conf' });
const fs = manifestFs(['/srv/www/index.php', '/srv/www/img.png', '/srv/www/admin/index.html']);

describe('simulate', () => {
  it('rewrites and reaches FastCGI by extension', () => {
    const r = simulate(ev, { url: '/x', host: 'example.com' }, { fs });
    expect(r.outcome.target).toBe('/index.php?x');
    expect(r.outcome.handler).toMatchObject({ kind: 'fastcgi', host: '127.0.0.1', port: '9000' });
    expect(r.steps.some((s) => s.stage === 'rewrite' && s.origin?.start.line === 9)).toBe(true);
  });
  it('redirects with %N from the enclosing condition', () => {
    const r = simulate(ev, { url: '/old', host: 'www.example.com' }, { fs });
    expect(r.outcome).toMatchObject({ status: 301, location: 'https://example.com/www/new' });
  });
  it('asks for credentials', () => {
    expect(simulate(ev, { url: '/admin/', host: 'example.com' }, { fs }).outcome.status).toBe(401);
    expect(simulate(ev, { url: '/admin/', host: 'example.com', headers: { Authorization: `Basic ${Buffer.from('alice:secret').toString('base64')}` } }, { fs }).outcome.status).toBe(403);
  });
  it('denies by suffix and serves static files', () => {
    expect(simulate(ev, { url: '/a~', host: 'example.com' }, { fs }).outcome.status).toBe(403);
    expect(simulate(ev, { url: '/img.png', host: 'example.com' }, { fs }).outcome.handler).toEqual({ kind: 'static', file: '/srv/www/img.png' });
    expect(simulate(ev, { url: '/nope', host: 'example.com' }, { fs }).outcome.status).toBe(404);
  });
  it('says when a regex cannot be evaluated exactly', () => {
    expect(translateRegex('^(?>a+)b').ok).toBe(false);
    expect(translateRegex('^/([^?]*)(?:\\?(.*))?$').ok).toBe(true);
    const r = simulate(evaluateText('$HTTP["url"] =~ "(?>x)" { server.document-root = "/a" }', { file: 'a.conf' }), { url: '/x' });
    expect(r.inexact.join('\n')).toMatch(/cannot evaluate exactly: atomic group/);
  });
});
