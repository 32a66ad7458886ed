import { describe, expect, it } from 'vitest';
import { evaluateText } from '@lhconf/parser';
import { substitute } from '../src/substitute.js';
import { evaluateConditions, hostEquals } from '../src/conditions.js';
import { decodePath, normalizeTarget } from '../src/request.js';
import { manifestFs, simulate } from '../src/index.js';

const base = { match: ['/a/b?x=1', 'a', 'b'], condMatch: ['www.example.com', 'www'], scheme: 'https', authority: 'example.com', port: 443, target: '/a/b?x=1', query: 'x=1' };

describe('substitute', () => {
  it.each([
    ['/$1/$2', '/a/b'],
    ['/%1$2', '/wwwb'],
    ['/$$1 and %%1', '/$1 and %1'],
    ['/p%a', '/p%a'],
    ['${url.scheme}://${url.authority}${url.path}', 'https://example.com/a/b'],
    ['/new${qsa}', '/new?x=1'],
    ['/new?y=2${qsa}', '/new?y=2&x=1'],
    ['/${tolower:1}', '/a'],
  ])('%s -> %s', (pattern, expected) => {
    expect(substitute(pattern, base).text).toBe(expected);
  });
});

describe('conditions', () => {
  const ev = evaluateText(
    `$HTTP["url"] =^ "/a" { server.tag = "1" } else $HTTP["url"] =^ "/b" { server.tag = "2" } else { server.tag = "3" }
$HTTP["remote-ip"] == "10.1.0.0/16" { server.tag = "4" }
$HTTP["host"] == "example.com" { $HTTP["url"] =$ ".php" { server.tag = "5" } }`,
    { file: 'c.conf' },
  );
  const input = (path: string, remoteIp = '127.0.0.1', authority = 'example.com:8080') => ({
    authority, scheme: 'http', path, query: '', method: 'GET', remoteIp, socket: ':80', headers: new Map<string, string>(),
  });
  const results = (path: string, ip?: string, host?: string) =>
    [...evaluateConditions(ev.contexts, input(path, ip, host)).values()].map((e) => e.result);
  it('takes one branch of an else chain and skips the rest', () => {
    expect(results('/a/x')).toEqual(['true', 'skip', 'skip', 'false', 'true', 'false']);
    expect(results('/b')).toEqual(['false', 'true', 'skip', 'false', 'true', 'false']);
    expect(results('/c')).toEqual(['false', 'false', 'true', 'false', 'true', 'false']);
  });
  it('compares CIDR masks and hosts with or without a port', () => {
    expect(results('/x.php', '10.1.200.3')[3]).toBe('true');
    expect(results('/x.php', '10.2.0.1')[3]).toBe('false');
    expect(results('/x.php', undefined, 'other.com')[4]).toBe('false');
    expect(results('/x.php')[5]).toBe('true');
    expect(hostEquals('example.com', 'example.com:80')).toBe(true);
    expect(hostEquals('example.com:8080', 'example.com:80')).toBe(false);
  });
});

describe('request', () => {
  it('normalises the target and decodes the path', () => {
    expect(normalizeTarget('/a/%7euser/./b/../c%2f//d?q=%7e%2f%26 x#f')).toBe('/a/~user/c%2F/d?q=~/%26%20x');
    expect(normalizeTarget('/a%00')).toBeUndefined();
    expect(decodePath('/a%20b//c?x')).toEqual({ path: '/a b/c', query: 'x' });
  });
  it('answers 501 for a method nothing handles', () => {
    const ev = evaluateText('server.document-root = "/d"', { file: 'm.conf' });
    const fs = manifestFs(['/d/f.txt']);
    expect(simulate(ev, { url: '/f.txt', method: 'PUT' }, { fs }).outcome.status).toBe(501);
    expect(simulate(ev, { url: '/f.txt', method: 'GET' }, { fs }).outcome.status).toBe(200);
    expect(simulate(ev, { url: '/', method: 'GET' }, { fs }).outcome.status).toBe(403);
  });
});

describe('modules', () => {
  it('says which loaded modules it does not simulate', () => {
    const ev = evaluateText('server.modules = ("mod_accesslog", "mod_userdir", "mod_rewrite")\nserver.document-root = "/d"', { file: 'u.conf' });
    expect(simulate(ev, { url: '/' }, { fs: ['/d/'] }).inexact).toEqual([
      'cannot evaluate exactly: mod_userdir is loaded and not simulated; it may change how the request is routed',
    ]);
  });
});
