import type { ConfigContext, EvaluatedCondition } from '@lhconf/parser';
import { translateRegex } from './regex.js';

/** The request as the condition checks see it in one pass (configfile-glue.c, config_check_cond_nocache_eval). */
export interface ConditionInput {
  /** Lower-cased Host header or authority (r->uri.authority). */
  authority: string;
  scheme: string;
  /** Decoded, simplified path without query (r->uri.path). */
  path: string;
  query: string;
  method: string;
  remoteIp: string;
  socket: string;
  /** Request headers by lower-cased name. */
  headers: Map<string, string>;
}

export type CondResult = 'true' | 'false' | 'skip';

export interface CondEvaluation {
  context: ConfigContext;
  result: CondResult;
  /** What the condition compared against (absent for else and skipped blocks). */
  subject?: string;
  /** Captures of a matching =~ condition: %0..%9. */
  captures?: string[];
  /** Set when the result is not exact (regex lighttpd accepts but JS cannot evaluate, IPv6 CIDR…). */
  inexact?: string;
}

// $HTTP["useragent"] and friends are request-header conditions (conditions.tsv).
const HEADER_FIELDS: Record<string, string> = {
  referer: 'referer', useragent: 'user-agent', 'user-agent': 'user-agent', cookie: 'cookie', language: 'accept-language',
};

function subjectOf(cond: EvaluatedCondition, input: ConditionInput): string | undefined {
  if (cond.object === 'REQUEST_HEADER') return input.headers.get(cond.field.toLowerCase()) ?? '';
  if (cond.object === 'SERVER') return cond.field === 'socket' ? input.socket : undefined;
  if (cond.object !== 'HTTP') return undefined;
  switch (cond.field) {
    case 'host': return input.authority;
    case 'url': return input.path;
    case 'querystring': case 'query-string': return input.query;
    case 'remoteip': case 'remote-ip': return input.remoteIp;
    case 'scheme': return input.scheme;
    case 'request-method': return input.method;
    default: {
      const header = HEADER_FIELDS[cond.field];
      return header === undefined ? undefined : input.headers.get(header) ?? '';
    }
  }
}

/** Evaluates every block's condition for one pass, as lighttpd does: parent first, then the else chain. */
export function evaluateConditions(contexts: readonly ConfigContext[], input: ConditionInput): Map<ConfigContext, CondEvaluation> {
  const cache = new Map<ConfigContext, CondEvaluation>();
  const check = (ctx: ConfigContext): CondEvaluation => {
    const cached = cache.get(ctx);
    if (cached) return cached;
    let evaluation: CondEvaluation;
    if (ctx.parent && ctx.parent.index !== 0 && check(ctx.parent).result !== 'true') {
      evaluation = { context: ctx, result: 'skip' };
    } else if (ctx.prev && check(ctx.prev).result !== 'false') {
      // An else branch runs only when the previous branch was evaluated false (not skipped, not true).
      evaluation = { context: ctx, result: 'skip' };
    } else if (ctx.isElse || !ctx.condition) {
      evaluation = { context: ctx, result: 'true' };
    } else {
      evaluation = compare(ctx, ctx.condition, input);
    }
    cache.set(ctx, evaluation);
    return evaluation;
  };
  for (const ctx of contexts) if (ctx.index !== 0) check(ctx);
  return cache;
}

function compare(ctx: ConfigContext, cond: EvaluatedCondition, input: ConditionInput): CondEvaluation {
  const subject = subjectOf(cond, input);
  if (subject === undefined) return { context: ctx, result: 'false', inexact: `unknown condition ${ctx.text}` };
  const done = (matched: boolean, extra: Partial<CondEvaluation> = {}): CondEvaluation => ({
    context: ctx, result: matched ? 'true' : 'false', subject, ...extra,
  });
  const v = cond.value;
  switch (cond.operator) {
    case '==': case '!=': {
      const eq = cond.operator === '==';
      if (cond.object === 'HTTP' && cond.field === 'host') return done(eq === hostEquals(subject, v));
      if (cond.object === 'HTTP' && (cond.field === 'remoteip' || cond.field === 'remote-ip') && !v.startsWith('/')) {
        const r = ipEquals(subject, v);
        return done(eq === r.equal, r.inexact ? { inexact: r.inexact } : {});
      }
      if (cond.object === 'SERVER') {
        return done(eq === socketEquals(subject, v));
      }
      // A simplified =~ "^lit$" keeps its captures: %0 is the whole literal.
      return done(eq === (subject === v), eq && subject === v ? { captures: [v] } : {});
    }
    case '=^': return done(subject.startsWith(v), subject.startsWith(v) ? { captures: [v] } : {});
    case '=$': return done(subject.endsWith(v), subject.endsWith(v) ? { captures: [v] } : {});
    case '=~': case '!~': {
      const t = translateRegex(v);
      if (!t.ok) return done(false, { inexact: `cannot evaluate exactly: ${t.reason}; assumed not to match` });
      const m = t.regex.exec(subject);
      const matched = cond.operator === '=~' ? m !== null : m === null;
      return done(matched, m && cond.operator === '=~' ? { captures: m.map((x) => x ?? '') } : {});
    }
    default:
      return done(false, { inexact: `unknown operator ${String(cond.operator)}` });
  }
}

/** lighttpd compares host names whether or not a ":port" suffix is present when the lengths differ. */
export function hostEquals(authority: string, value: string): boolean {
  const l = authority;
  const d = value;
  if (l.length && l.length !== d.length) {
    if (l.length > d.length) return l[d.length] === ':' && l.length - d.length <= 6 && l.startsWith(d);
    return d[l.length] === ':' && d.startsWith(l);
  }
  return l === d;
}

function ipEquals(ip: string, value: string): { equal: boolean; inexact?: string } {
  const [addr, bitsText] = value.split('/');
  if (addr!.includes(':') || ip.includes(':')) {
    if (bitsText === undefined) return { equal: ip.replace(/^\[|\]$/g, '') === addr!.replace(/^\[|\]$/g, '') };
    return { equal: false, inexact: `cannot evaluate exactly: IPv6 CIDR ${value}; assumed not to match` };
  }
  const a = ipv4(ip);
  const b = ipv4(addr!);
  if (a === undefined || b === undefined) return { equal: ip === value };
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const mask = bits <= 0 ? 0 : bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
  return { equal: ((a & mask) >>> 0) === ((b & mask) >>> 0) };
}

function ipv4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((acc, p) => ((acc << 8) | Number(p)) >>> 0, 0);
}

/** `:443` names the port on every address; a full token must match exactly. */
function socketEquals(token: string, value: string): boolean {
  if (token === value) return true;
  const port = (s: string) => /:(\d+)$/.exec(s)?.[1];
  const host = (s: string) => s.replace(/:\d+$/, '');
  const anyHost = (h: string) => h === '' || h === '0.0.0.0' || h === '*' || h === '[::]';
  return port(token) === port(value) && (anyHost(host(token)) || anyHost(host(value)) || host(token) === host(value));
}
