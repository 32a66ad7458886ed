import { describe, expect, it } from 'vitest';
import { checkRemoteIp, normalizeHost, simplifyRegex } from '../src/evaluate/conditions.js';
import { checkRegex } from '../src/evaluate/regex-check.js';

// Expected values were checked with lighttpd 1.4.69 (`-p` for the simplification, `-t` for the errors).
describe('simplifyRegex (=~ rewritten since 1.4.65)', () => {
  const cases: [string, string, string][] = [
    ['^/admin/', '=^', '/admin/'],
    ['\\.php$', '=$', '.php'],
    ['^/exact$', '==', '/exact'],
    ['/tail$', '=$', '/tail'],
    ['^$', '==', ''],
    ['^', '=^', ''],
    ['$', '=$', ''],
    ['\\.$', '=$', '.'],
    ['', '=~', ''],
    ['\\.example\\.org$', '=~', '\\.example\\.org$'],
    ['^/x/.*', '=~', '^/x/.*'],
    ['curl', '=~', 'curl'],
  ];
  for (const [regex, operator, value] of cases) {
    it(`"${regex}" → ${operator} "${value}"`, () => expect(simplifyRegex(regex)).toEqual({ operator, value }));
  }
});

describe('host, socket and remote-ip values', () => {
  it('normalises hosts like a Host header and refuses bad ports', () => {
    expect(normalizeHost('example.com:8080')).toBe('example.com:8080');
    expect(normalizeHost('bad host')).toBe('bad host');
    expect(normalizeHost('example.com:99999')).toBeUndefined();
    expect(normalizeHost('1.2.3.4:0')).toBeUndefined();
    expect(normalizeHost(':80')).toBeUndefined();
    expect(normalizeHost('[::]:443')).toBe('[::]:443');
    expect(normalizeHost('[0:0::1]')).toBe('[::1]');
    expect(normalizeHost('[zz]')).toBeUndefined();
  });

  it('only reports remote-ip values lighttpd itself reports', () => {
    expect(checkRemoteIp('300.1.1.1').invalid).toBe(true);
    expect(checkRemoteIp('localhost').invalid).toBe(true);
    expect(checkRemoteIp('10.0.0.0/8').invalid).toBe(false);
    // errors signalled as -1 go unnoticed by lighttpd (configparser.y tests for 0 only)
    expect(checkRemoteIp('10.0.0.0/33').invalid).toBe(false);
    expect(checkRemoteIp('::1').invalid).toBe(false);
    expect(checkRemoteIp('/run/socket').invalid).toBe(false);
  });
});

describe('checkRegex (PCRE2 errors lighttpd reports)', () => {
  const errors: [string, string, number][] = [
    ['(', 'missing closing parenthesis', 1],
    ['a(?', 'missing closing parenthesis', 3],
    [')', 'unmatched closing parenthesis', 0],
    ['\\Qab(\\E)', 'unmatched closing parenthesis', 7],
    ['[a', 'missing terminating ] for character class', 2],
    ['*a', 'quantifier does not follow a repeatable item', 0],
    ['a**', 'quantifier does not follow a repeatable item', 2],
    ['a???', 'quantifier does not follow a repeatable item', 3],
    ['^*', 'quantifier does not follow a repeatable item', 1],
    ['\\b+', 'quantifier does not follow a repeatable item', 2],
    ['(?i)*', 'quantifier does not follow a repeatable item', 4],
    ['a{2}{3}', 'quantifier does not follow a repeatable item', 6],
    ['a{3,2}', 'numbers out of order in {} quantifier', 5],
    ['a{99999}', 'number too big in {} quantifier', 7],
    ['[z-a]', 'range out of order in character class', 3],
    ['[[:foo:]]', 'unknown POSIX class name', 3],
    ['(?#abc', 'missing ) after (?# comment', 6],
  ];
  for (const [regex, message, offset] of errors) {
    it(`"${regex}": ${message} at offset ${offset}`, () => expect(checkRegex(regex)).toEqual({ kind: 'error', message, offset }));
  }

  const valid = ['(?:)*', 'a?+', 'a+?', 'a{2}?', 'x{,3}', 'a{2', '[]a]', '[^]a]', 'é+', '(?<=ab|c)', '(?=a)*', '^/x/(.*)\\.php$'];
  for (const regex of valid) it(`"${regex}" compiles`, () => expect(checkRegex(regex).kind).toBe('ok'));

  it('counts capturing groups, named ones included', () => {
    expect(checkRegex('(a)(?:b)(?<n>c)(?P<m>d)(?=e)\\(')).toEqual({ kind: 'ok', captures: 3 });
    expect(checkRegex('(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)')).toEqual({ kind: 'ok', captures: 10 });
  });

  it('makes no claim about constructs it does not model', () => {
    // branch reset: 9 groups in PCRE2, more by a naive count
    expect(checkRegex('(?|(a)|(b))(c)(d)(e)(f)(g)(h)(i)(j)')).toEqual({ kind: 'ok', captures: null });
    expect(checkRegex('\\8')).toEqual({ kind: 'ok', captures: null });
    expect(checkRegex('(?<=a+)b').kind).toBe('ok');
  });
});
