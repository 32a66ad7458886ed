/**
 * Directives whose value is a file or directory path that lighttpd opens as written, i.e. relative to its working
 * directory (not to the config file, unlike `include`): `/` for a daemon (daemonize() changes to it) and for a
 * systemd service, wherever `lighttpd -f` was typed otherwise. `pipe`: a value starting with `|` is a command.
 * `in`: where the paths are in a list value (`values` of `( "…", … )`, `keyed-values` of `( "k" => "…" )`).
 */
export interface PathDirective {
  readonly pipe?: boolean;
  readonly in?: 'values' | 'keyed-values';
}

export const pathDirectives: Readonly<Record<string, PathDirective>> = {
  'server.document-root': {},
  'server.errorlog': { pipe: true },
  'server.breakagelog': { pipe: true },
  'server.pid-file': {},
  'server.chroot': {},
  'server.upload-dirs': { in: 'values' },
  'server.errorfile-prefix': {},
  'accesslog.filename': { pipe: true },
  'alias.url': { in: 'keyed-values' },
  'auth.backend.htdigest.userfile': {},
  'auth.backend.htpasswd.userfile': {},
  'auth.backend.plain.userfile': {},
  'auth.backend.plain.groupfile': {},
  'auth.backend.gssapi.keytab': {},
  'auth.backend.ldap.ca-file': {},
  'compress.cache-dir': {},
  'deflate.cache-dir': {},
  'maxminddb.db': {},
  'rrdtool.binary': {},
  'rrdtool.db-name': {},
  'simple-vhost.server-root': {},
  'ssl.pemfile': {},
  'ssl.privkey': {},
  'ssl.ca-file': {},
  'ssl.ca-dn-file': {},
  'ssl.ca-crl-file': {},
  'ssl.stapling-file': {},
  'ssl.stek-file': {},
  'ssl.acme-tls-1': {},
  'ssl.verifyclient.ca-file': {},
  'ssl.verifyclient.ca-dn-file': {},
  'ssl.verifyclient.ca-crl-file': {},
  'userdir.basepath': {},
  'webdav.sqlite-db-name': {},
};
