/**
 * Deterministic generator of large, realistic lighttpd.conf files for `pnpm bench`: a global section
 * (modules, mime types, logging, defaults) followed by virtual hosts with rewrites, FastCGI and proxy
 * backends, nested `$HTTP["url"]` blocks, else chains, comments and `var.*` concatenations.
 *
 * The same seed and size always give the same bytes, so figures from different runs compare.
 * Every file is meant to pass `lighttpd -t` (bench.ts checks it). lighttpd 1.4.69 and 1.4.79 abort
 * (configfile-glue.c: `assertion failed: sizeof(matches) >= srv->config_context->used`) once a config
 * has more than 4095 condition blocks; {@link GeneratedConfig.blocks} counts them so callers know which
 * files lighttpd can run at all.
 */

/** The most condition blocks (besides the global one) lighttpd 1.4.69 and 1.4.79 accept: measured, 4096 aborts. */
export const LIGHTTPD_MAX_BLOCKS = 4095;

export interface GenerateOptions {
  /** Stop adding virtual hosts once the file has at least this many lines. */
  lines: number;
  /** PRNG seed; the default is fixed so that every run produces the same files. */
  seed?: number;
}

export interface GeneratedConfig {
  text: string;
  lines: number;
  /** Condition blocks lighttpd creates (identical conditions at one level share one; else branches count). */
  blocks: number;
  vhosts: number;
  /** Where each virtual host starts (0-based line), so a file too large for lighttpd can be checked in slices. */
  vhostStartLines: number[];
  /** Lines of the global section (everything before the first virtual host). */
  globalLines: number;
}

/** mulberry32: small, fast and good enough to pick among templates. */
function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p: number) => next() < p,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
type Random = ReturnType<typeof createRandom>;

// mod_auth before the dynamic backends: lighttpd 1.4.69 warns otherwise.
const MODULES = [
  'mod_access', 'mod_alias', 'mod_auth', 'mod_authn_file', 'mod_redirect', 'mod_rewrite', 'mod_setenv',
  'mod_expire', 'mod_deflate', 'mod_fastcgi', 'mod_proxy', 'mod_status', 'mod_accesslog',
];

const MIME_TYPES: readonly [string, string][] = [
  ['.html', 'text/html'], ['.htm', 'text/html'], ['.css', 'text/css'], ['.js', 'text/javascript'],
  ['.mjs', 'text/javascript'], ['.json', 'application/json'], ['.xml', 'application/xml'], ['.txt', 'text/plain'],
  ['.csv', 'text/csv'], ['.md', 'text/markdown'], ['.png', 'image/png'], ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'], ['.gif', 'image/gif'], ['.webp', 'image/webp'], ['.avif', 'image/avif'],
  ['.svg', 'image/svg+xml'], ['.ico', 'image/x-icon'], ['.woff', 'font/woff'], ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'], ['.otf', 'font/otf'], ['.pdf', 'application/pdf'], ['.zip', 'application/zip'],
  ['.gz', 'application/gzip'], ['.tar', 'application/x-tar'], ['.wasm', 'application/wasm'],
  ['.mp3', 'audio/mpeg'], ['.ogg', 'audio/ogg'], ['.mp4', 'video/mp4'], ['.webm', 'video/webm'],
  ['.map', 'application/json'], ['.webmanifest', 'application/manifest+json'], ['', 'application/octet-stream'],
];

const PHP_APPS = ['wordpress', 'drupal', 'nextcloud', 'mediawiki', 'phpbb', 'laravel'] as const;
const PROXY_APPS = ['node', 'gunicorn', 'puma', 'tomcat', 'grafana', 'gitea'] as const;
const OFFICES = ['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12', '203.0.113.0/24'] as const;

/** A line writer that indents by block depth. */
class Writer {
  readonly out: string[] = [];
  private depth = 0;
  line(text = ''): void {
    this.out.push(text === '' ? '' : '  '.repeat(this.depth) + text);
  }
  open(header: string): void {
    this.line(`${header} {`);
    this.depth++;
  }
  close(suffix = ''): void {
    this.depth--;
    this.line(`}${suffix}`);
  }
  /** `key = ( a, b, … )` over several lines, with a trailing comma as people write it. */
  list(head: string, items: readonly string[]): void {
    this.line(`${head} = (`);
    for (const item of items) this.line(`  ${item},`);
    this.line(')');
  }
}

const q = (s: string) => `"${s}"`;

function writeGlobal(w: Writer): void {
  w.line('# lighttpd.conf generated for lhconf benchmarks (scripts/bench/generate.ts); not a real site.');
  w.line('# Global defaults first, then one block per virtual host.');
  w.line();
  w.list('server.modules', MODULES.map(q));
  w.line();
  w.line('var.basedir  = "/srv/www"');
  w.line('var.logdir   = "/var/log/lighttpd"');
  w.line('var.statedir = "/var/lib/lighttpd"');
  w.line('var.sockdir  = "/run/lighttpd"');
  w.line();
  w.line('server.document-root = var.basedir + "/default/htdocs"');
  w.line('server.port          = 8080');
  w.line('server.tag           = "lighttpd"');
  w.line('server.errorlog      = var.logdir + "/error.log"');
  w.line('server.pid-file      = "/run/lighttpd.pid"');
  w.line('server.max-connections = 2048');
  w.line('server.max-request-size = 65536');
  w.line('server.follow-symlink = "enable"');
  w.line('server.range-requests = "enable"');
  w.line('server.feature-flags = ( "server.h2proto" => "enable" )');
  w.line();
  w.line('# logging');
  w.line('accesslog.filename = var.logdir + "/access.log"');
  w.line('accesslog.format   = "%h %V %u %t \\"%r\\" %>s %b \\"%{Referer}i\\" \\"%{User-Agent}i\\""');
  w.line();
  w.list('index-file.names', ['"index.php"', '"index.html"', '"index.htm"']);
  w.list('url.access-deny', ['"~"', '".inc"', '".bak"', '".swp"']);
  w.line('static-file.exclude-extensions = ( ".php", ".pl", ".fcgi", ".py" )');
  w.line('static-file.etags = "enable"');
  w.line();
  w.line('# compression');
  w.line('deflate.mimetypes = ( "text/html", "text/plain", "text/css", "text/javascript", "image/svg+xml" )');
  w.line('deflate.allowed-encodings = ( "br", "gzip", "deflate" )');
  w.line();
  w.line('# authentication: the user file is shared by every /admin/ area below');
  w.line('auth.backend = "htpasswd"');
  w.line('auth.backend.htpasswd.userfile = "/etc/lighttpd/htpasswd"');
  w.line();
  w.line('mimetype.assign = (');
  for (const [ext, type] of MIME_TYPES) w.line(`  ${q(ext)} => ${q(type)},`);
  w.line(')');
  w.line('mimetype.use-xattr = "disable"');
  w.line();
  w.line('# the status page, for local monitoring only');
  w.open('$HTTP["remote-ip"] == "127.0.0.1"');
  w.line('status.status-url = "/server-status"');
  w.line('status.statistics-url = "/server-statistics"');
  w.close();
  w.open('$HTTP["url"] =^ "/.well-known/acme-challenge/"');
  w.line('server.document-root = var.statedir + "/acme"');
  w.close();
  w.line();
}

/** One virtual host; returns how many condition blocks it opened. */
function writeVhost(w: Writer, r: Random, n: number): number {
  const site = `site${n}`;
  const host = `${site}.example.com`;
  const kind = r.pick(['php', 'php', 'proxy', 'static'] as const);
  let blocks = 1;
  w.line(`# ${site}: ${kind === 'php' ? r.pick(PHP_APPS) : kind === 'proxy' ? r.pick(PROXY_APPS) : 'static files'}`);
  w.open(`$HTTP["host"] == ${q(host)}`);
  w.line(`var.site = ${q(site)}`);
  w.line('server.document-root = var.basedir + "/" + var.site + "/htdocs"');
  w.line('server.errorlog      = var.logdir + "/" + var.site + "-error.log"');
  w.line('accesslog.filename   = var.logdir + "/" + var.site + "-access.log"');
  if (r.chance(0.3)) w.line(`server.name = ${q(host)}`);
  w.line(`setenv.add-response-header = ( "X-Site" => var.site, "X-Frame-Options" => "SAMEORIGIN" )`);

  if (kind === 'php') {
    w.list('url.rewrite-if-not-file', [
      '"^/(css|js|img|fonts)/(.*)$" => "/$1/$2"',
      `"^/${r.pick(['blog', 'news', 'post', 'article'])}/([0-9]+)/?$" => "/index.php?p=$1"`,
      '"^/([^?]*)(?:\\?(.*))?$" => "/index.php?q=$1&$2"',
    ]);
    w.line('fastcgi.server = ( ".php" => ((');
    w.line('  "socket"   => var.sockdir + "/php-" + var.site + ".sock",');
    w.line('  "bin-path" => "/usr/bin/php-cgi",');
    w.line(`  "max-procs" => ${r.int(1, 4)},`);
    w.line('  "bin-environment" => (');
    w.line(`    "PHP_FCGI_CHILDREN" => "${r.pick([2, 4, 8, 16])}",`);
    w.line('    "PHP_FCGI_MAX_REQUESTS" => "500",');
    w.line('  ),');
    w.line('  "broken-scriptfilename" => "enable",');
    w.line(')) )');
  } else if (kind === 'proxy') {
    w.line(`url.rewrite-once = ( "^/app$" => "/app/", "^/v1/(.*)$" => "/api/v1/$1" )`);
    w.line('proxy.server = ( "/" => (');
    w.line(`  ( "host" => "127.0.0.1", "port" => ${10000 + n} ),`);
    if (r.chance(0.5)) w.line(`  ( "host" => "127.0.0.2", "port" => ${10000 + n} ),`);
    w.line(') )');
    w.line('proxy.balance = "hash"');
    w.line(`proxy.header = ( "upgrade" => "enable", "map-host-request" => ( "-" => ${q(`backend-${n}.internal`)} ) )`);
  } else {
    w.line(`expire.url = ( "/assets/" => "access plus ${r.int(1, 30)} days", "" => "access plus 1 hours" )`);
    w.line('url.redirect = ( "^/old/(.*)$" => "/new/$1" )');
    w.line('index-file.names += ( "default.htm" )');
  }

  w.line();
  const officeOnly = r.chance(0.5);
  w.line(`# the admin area needs a login${officeOnly ? ', and only from the office' : ''}`);
  w.open('$HTTP["url"] =~ "^/admin/"');
  blocks++;
  w.line('auth.require = ( "/admin/" => (');
  w.line('  "method"  => "basic",');
  w.line(`  "realm"   => ${q(`${site} admin`)},`);
  w.line(`  "require" => ${r.chance(0.5) ? '"valid-user"' : q(`user=admin${n}|user=ops`)},`);
  w.line(') )');
  if (officeOnly) {
    w.open(`$HTTP["remoteip"] != ${q(r.pick(OFFICES))}`);
    blocks++;
    w.line('url.access-deny = ( "" )');
    w.close();
  }
  w.close();
  w.open('else $HTTP["url"] =^ "/static/"');
  blocks++;
  w.line(`expire.url = ( "" => "access plus ${r.int(1, 12)} months" )`);
  w.line('setenv.add-response-header += ( "Cache-Control" => "public" )');
  w.close();
  if (r.chance(0.4)) {
    w.open('else');
    blocks++;
    w.line('setenv.add-response-header += ( "Cache-Control" => "no-store" )');
    w.close();
  }
  w.close();
  if (r.chance(0.5)) {
    // the bare domain and www. redirect to the canonical name; an else branch of the host block
    w.open(`else $HTTP["host"] =~ ${q(`^(www\\.)?${site}\\.example\\.(com|net)$`)}`);
    blocks++;
    w.line(`url.redirect      = ( "^/(.*)" => ${q(`https://${host}/$1`)} )`);
    w.line('url.redirect-code = 301');
    w.close();
  }
  w.line();
  return blocks;
}

/** A config of at least `options.lines` lines; the same options always give the same text. */
export function generateConfig(options: GenerateOptions): GeneratedConfig {
  const r = createRandom(options.seed ?? 0x1a3b5c7d);
  const w = new Writer();
  writeGlobal(w);
  const globalLines = w.out.length;
  let blocks = 2; // the two status blocks of the global section
  const vhostStartLines: number[] = [];
  while (w.out.length < options.lines) {
    vhostStartLines.push(w.out.length);
    blocks += writeVhost(w, r, vhostStartLines.length);
  }
  const text = w.out.join('\n') + '\n';
  return { text, lines: w.out.length, blocks, vhosts: vhostStartLines.length, vhostStartLines, globalLines };
}

/**
 * Splits a config too large for lighttpd into configs it can run: the global section followed by
 * consecutive virtual hosts, each slice under {@link LIGHTTPD_MAX_BLOCKS} blocks.
 */
export function sliceForLighttpd(config: GeneratedConfig, maxBlocks = LIGHTTPD_MAX_BLOCKS): string[] {
  const lines = config.text.split('\n');
  const global = lines.slice(0, config.globalLines);
  // Each virtual host opens at most 6 blocks; 2 belong to the global section.
  const perSlice = Math.max(1, Math.floor((maxBlocks - 2) / 6));
  const starts = [...config.vhostStartLines, lines.length];
  const slices: string[] = [];
  for (let i = 0; i < config.vhosts; i += perSlice) {
    const from = starts[i]!;
    const to = starts[Math.min(i + perSlice, config.vhosts)]!;
    slices.push([...global, ...lines.slice(from, to)].join('\n') + '\n');
  }
  return slices;
}
