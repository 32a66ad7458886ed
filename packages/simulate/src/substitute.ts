/** The parts of the request a replacement may name (keyvalue.c, struct burl_parts_t). */
export interface SubstitutionContext {
  /** `$0..$9`: captures of the rule's own regex. */
  match: readonly (string | undefined)[];
  /** `%0..%9`: captures of the enclosing =~ condition; undefined when there is none. */
  condMatch: readonly string[] | undefined;
  scheme: string;
  authority: string;
  /** Undefined when unknown (lint judges a rule on a URL alone): `${url.port}` is then empty. */
  port: number | undefined;
  /** The raw request target (path and query). */
  target: string;
  query: string | undefined;
}

export interface Substitution {
  text: string;
  /** Constructs the simulation reproduces only approximately (encoding modifiers). */
  inexact: string[];
}

/**
 * Expands a url.rewrite / url.redirect replacement like pcre_keyvalue_buffer_subst: `$N`/`%N` captures,
 * `$$`/`%%` escapes, `${url.*}`, `${qsa}`, and `${N}` with modifiers.
 */
export function substitute(pattern: string, ctx: SubstitutionContext): Substitution {
  let out = '';
  const inexact: string[] = [];
  let start = 0;
  const capture = (sigil: string, n: number) =>
    sigil === '$' ? ctx.match[n] ?? '' : ctx.condMatch?.[n] ?? '';
  for (let k = 0; k + 1 < pattern.length; ++k) {
    const c = pattern[k]!;
    if (c !== '$' && c !== '%') continue;
    out += pattern.slice(start, k);
    const next = pattern[k + 1]!;
    if (next === '{') {
      const close = pattern.indexOf('}', k + 2);
      if (close < 0) return { text: out, inexact }; // lighttpd truncates the result on a broken ${
      const body = pattern.slice(k + 2, close);
      out += expandBrace(c, body, ctx, out, inexact);
      k = close;
    } else if (next >= '0' && next <= '9') {
      out += capture(c, Number(next));
      k++;
    } else {
      // "%%" => "%", "$$" => "$", anything else is kept as written.
      out += next === c ? c : c + next;
      k++;
    }
    start = k + 1;
  }
  out += pattern.slice(start);
  return { text: out, inexact };
}

function expandBrace(sigil: string, body: string, ctx: SubstitutionContext, before: string, inexact: string[]): string {
  let rest = body;
  let lower = false;
  for (;;) {
    const mod = /^(esc:|escape:|escnde:|escpsnde:|noesc:|noescape:|tolower:|toupper:|encb64u:|decb64u:)/.exec(rest);
    if (!mod) break;
    if (mod[1] === 'tolower:' || mod[1] === 'toupper:') lower = true; // 1.4.69 maps toupper: to lower-casing too
    else if (mod[1] !== 'noesc:' && mod[1] !== 'noescape:') inexact.push(`cannot evaluate exactly: encoding modifier ${mod[1]} in \${${body}}`);
    rest = rest.slice(mod[1]!.length);
  }
  let text: string;
  if (/^\d{1,2}$/.test(rest)) {
    const n = Number(rest);
    text = sigil === '$' ? ctx.match[n] ?? '' : ctx.condMatch?.[n] ?? '';
    // ${N} without a modifier is %-encoded (BURL_ENCODE_PSNDE); plain path characters pass unchanged.
    if (body === rest && /[^A-Za-z0-9\-._~\/%!$&'()*+,;=:@]/.test(text)) {
      inexact.push(`cannot evaluate exactly: \${${body}} %-encodes ${JSON.stringify(text)}`);
    }
  } else if (rest === 'url.scheme') text = ctx.scheme;
  else if (rest === 'url.authority') text = ctx.authority;
  else if (rest === 'url.port') text = ctx.port === undefined ? '' : String(ctx.port);
  else if (rest === 'url.path') text = ctx.target.split('?')[0]!;
  else if (rest === 'url.query') text = ctx.query ?? '';
  else if (rest === 'qsa') {
    if (ctx.query === undefined) return '';
    return before.includes('?') ? (ctx.query === '' ? '' : `&${ctx.query}`) : `?${ctx.query}`;
  } else text = '';
  return lower ? text.toLowerCase() : text;
}
