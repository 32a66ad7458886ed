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
