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

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * The target as lighttpd keeps it with the default `server.http-parseopts` (url-normalize,
 * url-normalize-unreserved, url-normalize-required, url-path-dotseg-remove): unreserved %XX decoded, other
 * %xx upper-cased, dot segments removed from the path.
 */
export function normalizeTarget(target: string): string {
  let t = target.replace(/%([0-9a-fA-F]{2})/g, (all, hex: string) => {
    const ch = String.fromCharCode(parseInt(hex, 16));
    return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
  });
  const q = t.indexOf('?');
  const path = q < 0 ? t : t.slice(0, q);
  t = removeDotSegments(path) + (q < 0 ? '' : t.slice(q));
  return t;
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
  return { path: removeDotSegments(decoded.replace(/\/{2,}/g, '/')), query: q < 0 ? undefined : target.slice(q + 1) };
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
