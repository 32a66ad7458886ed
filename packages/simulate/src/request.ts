/** One HTTP request to simulate. */
export interface SimRequest {
  method?: string;
  scheme?: 'http' | 'https';
  /** Host header (may carry ":port"). */
  host?: string;
  /** Request target: path and optional "?query". */
  url: string;
  remoteIp?: string;
  /** The listening socket token the request arrived on, e.g. ":443" or "127.0.0.1:8080". */
  socket?: string;
  /** Request headers, any case. */
  headers?: Record<string, string>;
}

// burl.c encoded_chars_http_uri_reqd: every byte except ! $ & ' ( ) * + , - . / 0-9 : ; = ? @ A-Z _ a-z ~
function isReserved(c: number): boolean {
  if (c <= 0x20 || c >= 0x7f) return true;
  return '"#%<>[\\]^`{|}'.includes(String.fromCharCode(c));
}
const HEX = '0123456789ABCDEF';
const hexValue = (ch: number | undefined) => (ch === undefined ? -1 : parseInt(String.fromCharCode(ch), 16));

/**
 * The target as lighttpd keeps it with the default `server.http-parseopts` (burl.c burl_normalize with
 * url-normalize-required, url-ctrls-reject and url-path-dotseg-remove): %XX decoded where the character needs
 * no encoding (not "/" or "?" in the path, not "&", "=", ";", "+" in the query), other bytes %-encoded with
 * upper-case hex, the fragment dropped, dot segments and repeated slashes removed from the path.
 * Undefined when lighttpd answers 400 (an encoded control character).
 */
export function normalizeTarget(target: string): string | undefined {
  const bytes = Buffer.from(target, 'utf8');
  let out = '';
  let qs = -1;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (!isReserved(c)) {
      if (c === 0x3f && qs < 0) qs = out.length;
      out += String.fromCharCode(c);
      continue;
    }
    const n1 = hexValue(bytes[i + 1]);
    const n2 = hexValue(bytes[i + 2]);
    if (c === 0x25 && n1 >= 0 && n2 >= 0 && !Number.isNaN(n1) && !Number.isNaN(n2)) {
      const x = (n1 << 4) | n2;
      const keep = qs < 0 ? x === 0x2f || x === 0x3f : '&=;+'.includes(String.fromCharCode(x));
      out += !isReserved(x) && !keep ? String.fromCharCode(x) : `%${HEX[n1]}${HEX[n2]}`;
      i += 2;
    } else if (c === 0x23) {
      break; // the fragment is not part of the request
    } else {
      out += `%${HEX[c >> 4]}${HEX[c & 15]}`;
    }
  }
  if (/%[01]|%7F/.test(out)) return undefined;
  const path = qs < 0 ? out : out.slice(0, qs);
  return simplifyPath(path) + (qs < 0 ? '' : out.slice(qs));
}

/** buffer_path_simplify: repeated slashes collapsed, "." and ".." segments removed. */
export function simplifyPath(path: string): string {
  return removeDotSegments(path.replace(/\/{2,}/g, '/'));
}

/** RFC 3986 remove_dot_segments, as lighttpd's buffer_path_simplify applies it. */
export function removeDotSegments(path: string): string {
  const out: string[] = [];
  const segs = path.split('/');
  for (let i = 1; i < segs.length; i++) {
    const s = segs[i]!;
    const last = i === segs.length - 1;
    if (s === '.') { if (last) out.push(''); continue; }
    if (s === '..') { out.pop(); if (last) out.push(''); continue; }
    out.push(s);
  }
  return `/${out.join('/')}`;
}

/** r->uri.path: the target's path, %-decoded, dot segments removed, repeated slashes collapsed. */
export function decodePath(target: string): { path: string; query: string | undefined } {
  const q = target.indexOf('?');
  const raw = q < 0 ? target : target.slice(0, q);
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    decoded = raw;
  }
  return { path: simplifyPath(decoded), query: q < 0 ? undefined : target.slice(q + 1) };
}

/**
 * The Host header as lighttpd keeps it with the default host-strict and host-normalize parse options
 * (request.c request_check_hostname, http_request_host_normalize): lower case, one trailing "." dropped, the
 * port dropped when it is the scheme's default. Undefined when lighttpd answers 400.
 */
export function normalizeHost(host: string, schemePort: number): string | undefined {
  let h = host.toLowerCase();
  if (h.startsWith('[')) {
    const m = /^(\[[0-9a-f:.]+\])(?::(\d*))?$/.exec(h);
    if (!m) return undefined;
    const port = m[2] ? Number(m[2]) : 0;
    if (m[2] && !(port > 0 && port <= 65535)) return undefined;
    return port && port !== schemePort ? `${m[1]}:${port}` : m[1];
  }
  const colon = h.indexOf(':');
  let name = colon < 0 ? h : h.slice(0, colon);
  const portText = colon < 0 ? undefined : h.slice(colon + 1);
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (!name) return undefined;
  const labels = name.split('.');
  if (labels.some((l) => !/^[a-z0-9][a-z0-9-]*$/.test(l))) return undefined;
  // A numeric last label makes the name an IPv4 address, which needs four numeric parts.
  if (/^\d+$/.test(labels.at(-1)!) && !(labels.length === 4 && labels.every((l) => /^\d+$/.test(l)))) return undefined;
  if (portText !== undefined && !/^\d*$/.test(portText)) return undefined;
  h = name;
  if (portText) {
    const port = Number(portText);
    if (!(port > 0 && port <= 65535)) return undefined;
    if (port !== schemePort) h += `:${port}`;
  }
  return h;
}
