// The url.rewrite / url.redirect rules as lint rules judge them: the patterns as lighttpd's PCRE2 reads them and
// the targets expanded as lighttpd expands them (both from @lhconf/simulate, which replays requests).
import { describe, expect, it } from 'vitest';
import { parse, type Assignment } from '@lhconf/parser';
import { applyUrlRule, isCatchAll, toRegExp, urlRulesOf } from '../src/util/url-rules.js';

const rulesOf = (text: string) => urlRulesOf(parse(text, { file: 'u.conf' }).ast.body[0] as Assignment);

describe('url rules', () => {
  it('reads patterns as PCRE2 does, or not at all', () => {
    expect(toRegExp('(?i)^/Admin')?.test('/admin/x')).toBe(true);
    expect(toRegExp('^/a\\z')?.test('/a')).toBe(true);
    expect(toRegExp('^/a\\z')?.test('/a\n')).toBe(false);
    // No JavaScript meaning (or another one): the rule is not judged.
    expect(toRegExp('^/\\Qa.b\\E')).toBeUndefined();
    expect(toRegExp('(?>a+)b')).toBeUndefined();
  });

  it('expands targets as lighttpd does, with only the URL known', () => {
    const [dollar, path, condition, query] = rulesOf(
      'url.rewrite-once = ( "^/p/(.*)$" => "/cost$$/$1", "^/q" => "${url.path}.html", "^/c/(.*)" => "/%1/$1", "^/s" => "/s${qsa}" )',
    );
    expect(applyUrlRule(dollar!, '/p/x')).toBe('/cost$/x');
    expect(applyUrlRule(path!, '/q?a=1')).toBe('/q.html');
    // %N are the enclosing condition's captures, unknown here.
    expect(applyUrlRule(condition!, '/c/z')).toBe('//z');
    expect(applyUrlRule(query!, '/s?a=1')).toBe('/s?a=1');
    expect(applyUrlRule(dollar!, '/elsewhere')).toBeUndefined();
  });

  it('tells a catch-all from a narrower rule', () => {
    const [all, some] = rulesOf('url.rewrite-once = ( "^/(.*)$" => "/index.php/$1", "^/api/" => "/api.php" )');
    expect(isCatchAll(all!)).toBe(true);
    expect(isCatchAll(some!)).toBe(false);
  });
});
