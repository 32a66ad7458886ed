import type { MatchOperator } from '../ast.js';

/** What lighttpd maps `$OBJECT["field"]` to (configparser.y configparser_comp_key_id); names are case-sensitive. */
export type CompKey = 'url' | 'host' | 'request-header' | 'user-agent' | 'language' | 'remote-ip' | 'query-string' | 'request-method' | 'scheme' | 'socket';

const HTTP_FIELDS: Record<string, CompKey> = {
  url: 'url',
  host: 'host',
  referer: 'request-header',
  useragent: 'user-agent',
  'user-agent': 'request-header',
  language: 'language',
  cookie: 'request-header',
  remoteip: 'remote-ip',
  'remote-ip': 'remote-ip',
  querystring: 'query-string',
  'query-string': 'query-string',
  'request-method': 'request-method',
  scheme: 'scheme',
};

/** The comparison a condition names, or undefined (lighttpd: `error comp_key`). */
export function compKeyOf(object: string, field: string): CompKey | undefined {
  if (object === 'REQUEST_HEADER') return 'request-header';
  if (object === 'SERVER') return field === 'socket' ? 'socket' : undefined;
  if (object === 'HTTP') return Object.hasOwn(HTTP_FIELDS, field) ? HTTP_FIELDS[field] : undefined;
  return undefined;
}

const REGEX_CHARS = /[\\^$.|?*+()[\]{}]/;

/**
 * configparser_simplify_regex (since 1.4.65): `=~` with `^lit`, `lit$`, `^lit$` or `\.lit$` and no other
 * regex metacharacter becomes `=^`, `=$`, `==`, `=$ ".lit"`. Returns the operator and value to use.
 */
export function simplifyRegex(value: string): { operator: MatchOperator; value: string } {
  let len = value.length;
  let operator: MatchOperator = '=~';
  let off = 0;
  if (len > 0 && value[len - 1] === '$') {
    operator = '=$';
    if (value[0] === '\\' && value[1] === '.') off = 2;
    else if (value[0] === '^') {
      off = 1;
      operator = '==';
    }
    len--;
  } else if (value[0] === '^') {
    off = 1;
    operator = '=^';
  } else return { operator: '=~', value };
  // strcspn over the rest (up to the string end, where the trailing '$' stops it)
  const rest = value.slice(off);
  const stop = rest.search(REGEX_CHARS);
  if ((stop < 0 ? rest.length : stop) !== len - off) return { operator: '=~', value };
  // only the first character is removed, so "\.ext" keeps its '.'
  return { operator, value: off ? value.slice(1, len) : value.slice(0, len) };
}

/** `else { }` is keyed by the previous branch's key with its operator negated (configparser.y cond_else). */
export const NEGATED_OPERATOR_CHAR: Record<MatchOperator, string> = {
  '!=': '=',
  '==': '!',
  '!~': '=',
  '=~': '!',
  '=^': '!',
  '=$': '!',
};

/** strtol(s, &e, 0) consuming the whole string, as http_request_host_normalize reads a port. */
function parsePortBase0(s: string): number | undefined {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!;
  let v = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16) : body.length > 1 && body[0] === '0' ? parseInt(body, 8) : parseInt(body, 10);
  if (m[1] === '-') v = -v;
  return v;
}

/** glibc inet_pton(AF_INET): four decimal octets, no leading zeros, each ≤ 255. */
export function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    out.push(v);
  }
  return out;
}

/** glibc inet_pton(AF_INET6): eight 16-bit groups, one `::`, optional trailing dotted quad. */
export function parseIPv6(s: string): number[] | undefined {
  if (s.length === 0) return undefined;
  let head: string[] = [];
  let tail: string[] = [];
  const dbl = s.indexOf('::');
  if (dbl >= 0) {
    if (s.indexOf('::', dbl + 1) >= 0) return undefined;
    const a = s.slice(0, dbl);
    const b = s.slice(dbl + 2);
    head = a === '' ? [] : a.split(':');
    tail = b === '' ? [] : b.split(':');
  } else head = s.split(':');
  const groups: number[] = [];
  const expand = (list: string[], allowV4: boolean): number[] | undefined => {
    const out: number[] = [];
    for (let k = 0; k < list.length; k++) {
      const g = list[k]!;
      if (allowV4 && k === list.length - 1 && g.includes('.')) {
        const v4 = parseIPv4(g);
        if (!v4) return undefined;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const h = expand(head, dbl < 0);
  const t = expand(tail, true);
  if (!h || !t) return undefined;
  if (dbl >= 0) {
    if (h.length + t.length > 7) return undefined;
    groups.push(...h, ...new Array<number>(8 - h.length - t.length).fill(0), ...t);
  } else {
    if (h.length !== 8) return undefined;
    groups.push(...h);
  }
  return groups;
}

/** glibc inet_ntop(AF_INET6): lower-case, longest zero run (≥ 2) as `::`, IPv4-mapped/compatible as dotted quad. */
export function formatIPv6(g: number[]): string {
  let bestBase = -1;
  let bestLen = 0;
  for (let k = 0; k < 8; ) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > bestLen) {
      bestBase = k;
      bestLen = e - k;
    }
    k = e;
  }
  if (bestLen < 2) bestBase = -1;
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (bestBase >= 0 && k >= bestBase && k < bestBase + bestLen) {
      if (k === bestBase) out += ':';
      continue;
    }
    if (k !== 0) out += ':';
    if (k === 6 && bestBase === 0 && (bestLen === 6 || (bestLen === 5 && g[5] === 0xffff))) {
      out += `${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
      break;
    }
    out += g[k]!.toString(16);
  }
  if (bestBase >= 0 && bestBase + bestLen === 8) out += ':';
  return out;
}

/**
 * http_request_host_normalize(b, 0) (request.c): the normalised host, or undefined where lighttpd
 * fails (bad port, bad bracketed IPv6, empty host before a port).
 */
export function normalizeHost(b: string): string | undefined {
  let port = 0;
  let out = b;
  if (b[0] !== '[') {
    const colon = b.indexOf(':');
    if (colon >= 0) {
      if (colon === 0) return undefined;
      if (colon + 1 < b.length) {
        const p = parsePortBase0(b.slice(colon + 1));
        if (p === undefined || !(p > 0 && p <= 65535)) return undefined;
        port = p;
      }
      out = b.slice(0, colon);
    }
    if (/^[0-9]/.test(out)) {
      const v4 = parseIPv4(out);
      if (v4) out = v4.join('.');
    }
  } else {
    if (b.length <= 2) return undefined;
    let bracket = b.length - 1;
    if (b[bracket] !== ']') {
      bracket = b.indexOf(']', 1);
      if (bracket < 0 || b[bracket + 1] !== ':' || bracket === 1) return undefined;
      if (bracket + 2 < b.length) {
        const p = parsePortBase0(b.slice(bracket + 2));
        if (p === undefined || !(p > 0 && p <= 65535)) return undefined;
        port = p;
      }
    }
    const percent = b.indexOf('%', 1);
    const addrEnd = percent >= 0 && percent < bracket ? percent : bracket;
    const groups = parseIPv6(b.slice(1, addrEnd));
    if (!groups) return undefined;
    if (percent >= 0 && percent > bracket) return undefined;
    out = `[${formatIPv6(groups)}${percent >= 0 ? b.slice(percent, bracket) : ''}]`;
  }
  if (port !== 0) out += `:${port}`;
  return out;
}

/**
 * config_remoteip_normalize as configparser.y uses it: only a result of 0 (a parsable mask, a host part
 * that normalises, but no valid IPv4 address) is an error; failures signalled as -1 (bad mask, bad
 * IPv6) go unnoticed by lighttpd. Returns the normalised value, or undefined for "invalid IP addr".
 */
export function checkRemoteIp(b: string): { invalid: boolean; normalized: string } {
  if (b[0] === '/') return { invalid: false, normalized: b };
  const slash = b.indexOf('/');
  const colon = b.indexOf(':');
  let bits = 0;
  let addr = b;
  if (slash >= 0) {
    const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)$/.exec(b.slice(slash + 1));
    const v = m ? Number(m[2]) * (m[1] === '-' ? -1 : 1) : 0;
    if (!m || v <= 0 || v > (colon >= 0 ? 128 : 32)) return { invalid: false, normalized: b };
    bits = v;
    addr = b.slice(0, slash);
  }
  const withMask = (s: string): string => (bits ? `${s}/${bits}` : s);
  if (colon < 0) {
    const n = normalizeHost(addr);
    if (n === undefined) return { invalid: false, normalized: withMask(addr) };
    return { invalid: parseIPv4(n) === undefined, normalized: withMask(n) };
  }
  const bracketed = addr[0] === '[' ? addr : `[${addr}]`;
  const n = normalizeHost(bracketed);
  if (n === undefined) return { invalid: false, normalized: withMask(addr) };
  const inner = n.slice(1, -1);
  return { invalid: parseIPv6(inner) === undefined, normalized: withMask(inner) };
}

/** $SERVER["socket"] values are host-normalised unless they start with `:`, `[]`, `/` or `\`. */
export function isSocketValueChecked(value: string): boolean {
  return !(value[0] === ':' || value.startsWith('[]') || value[0] === '/' || value[0] === '\\');
}
