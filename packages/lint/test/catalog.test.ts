import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateDocument, parse } from '@lhconf/parser';
import { describe, expect, it } from 'vitest';
import { loadedModules } from '../src/util/modules.js';
import { DEFAULT_REFERENCE_DIR, OUTPUT_DIR, readTsv, renderCatalog } from '../../../scripts/gen-catalog.js';
import {
  backendNames,
  backendOptions,
  backendOptionsFor,
  conditionFields,
  conditionForms,
  directives,
  directivesAt,
  directivesForModule,
  earlierTypes,
  editDistance,
  featureFlags,
  getBackendOption,
  getConditionField,
  getDirective,
  getFeatureFlag,
  getMatchOperator,
  getModule,
  isBuiltinInDebian,
  isKnownDirective,
  isKnownModule,
  isOperatorAllowed,
  matchOperators,
  modules,
  modulesWithRole,
  suggestDirective,
  suggestModule,
} from '../src/catalog/index.js';

describe('directives', () => {
  it('knows the value type, module and scope of core keys', () => {
    expect(getDirective('server.port')).toMatchObject({ module: 'core', type: 'short', scope: 'server', status: 'current' });
    expect(getDirective('server.document-root')).toMatchObject({ type: 'string', scope: 'any' });
    expect(getDirective('server.modules')?.type).toBe('array-of-strings');
    expect(getDirective('ssl.engine')?.scope).toBe('socket');
  });

  it('knows module keys, including the TLS keys every TLS module declares', () => {
    const pemfile = getDirective('ssl.pemfile');
    expect(pemfile).toMatchObject({ module: 'mod_openssl', type: 'string' });
    expect(pemfile?.modules).toEqual(expect.arrayContaining(['mod_gnutls', 'mod_mbedtls', 'mod_wolfssl']));
    expect(getDirective('ssl.openssl.ssl-conf-cmd')?.scope).toBe('socket');
    expect(getDirective('ssl.stapling-file')?.modules).not.toContain('mod_mbedtls');
    expect(getDirective('url.rewrite-once')).toMatchObject({ module: 'mod_rewrite', type: 'array-kv-string' });
  });

  it('looks keys up ignoring case, as lighttpd does', () => {
    expect(getDirective('Server.Port')?.key).toBe('server.port');
    expect(getDirective('SERVER.DOCUMENT-ROOT')?.key).toBe('server.document-root');
    expect(isKnownDirective('extforward.hap-proxy')).toBe(true);
  });

  it('matches env.* and var.* by their case-sensitive prefix', () => {
    expect(getDirective('var.basedir')?.key).toBe('var.*');
    expect(getDirective('env.HOME')?.key).toBe('env.*');
    expect(getDirective('var.CWD')).toMatchObject({ key: 'var.CWD', type: 'string' });
    // grammar.md §1.4: `VAR.x` is reported as an unknown key, `ENV.HOME` is an ordinary config variable.
    expect(getDirective('VAR.x')).toBeUndefined();
    expect(getDirective('var.')).toBeUndefined();
  });

  it('does not know a directive before the release that added it', () => {
    expect(getDirective('server.ip-transparent', '1.4.69')).toBeUndefined();
    expect(isKnownDirective('server.ip-transparent', '1.4.69')).toBe(false);
    expect(getDirective('server.ip-transparent', '1.4.85')).toMatchObject({ since: '1.4.77', scope: 'socket' });
    expect(isKnownDirective('dir-listing.sort', '1.4.73')).toBe(false);
    expect(isKnownDirective('dir-listing.sort', '1.4.74')).toBe(true);
  });

  it('marks a directive removed by the target release, with its replacement', () => {
    expect(getDirective('ssl.use-sslv3', '1.4.69')).toMatchObject({
      status: 'removed',
      removedIn: '1.4.68',
      replacement: 'ssl.openssl.ssl-conf-cmd',
    });
    expect(isKnownDirective('ssl.use-sslv3', '1.4.69')).toBe(false);
    expect(getDirective('ssl.use-sslv3', '1.4.67')?.status).toBe('current');
    expect(getDirective('auth.backend.mysql.host', '1.4.69')?.replacement).toBe('auth.backend.dbi');
  });

  it('keeps keys lighttpd only ever refused (T_CONFIG_DEPRECATED) removed at every release', () => {
    expect(getDirective('server.docroot', '1.4.30')).toMatchObject({ status: 'removed', replacement: 'server.document-root' });
    expect(getDirective('server.docroot')?.type).toBe('n/a');
  });

  it('reports deprecated and ignored keys as such', () => {
    expect(getDirective('url.rewrite')).toMatchObject({ status: 'deprecated', replacement: 'url.rewrite-once' });
    expect(getDirective('compress.filetype')).toMatchObject({ module: 'mod_deflate', replacement: 'deflate.mimetypes' });
    expect(getDirective('server.reject-expect-100-with-417')?.status).toBe('ignored');
  });

  it('gives the type a release checked, where it changed', () => {
    expect(getDirective('server.max-fds', '1.4.69')?.type).toBe('short');
    expect(getDirective('server.max-fds', '1.4.83')?.type).toBe('int');
    expect(getDirective('server.max-request-field-size', '1.4.69')?.type).toBe('int');
    expect(getDirective('server.max-request-field-size', '1.4.70')?.type).toBe('short');
  });

  it('agrees with every "1.4.69 type:" the notes mention', () => {
    const mentioned = directives.flatMap((d) => {
      const m = /1\.4\.69 type: (\S+?)[;\s]/.exec(`${d.description} `);
      return m ? [[d.key, m[1]]] : [];
    });
    expect(mentioned.map(([key]) => key).sort()).toEqual(Object.keys(earlierTypes).sort());
    for (const [key, type] of mentioned) expect(getDirective(key!, '1.4.69')?.type).toBe(type);
  });

  it('lists the allowed values the notes enumerate, and the defaults', () => {
    expect(getDirective('server.stat-cache-engine')).toMatchObject({
      allowedValues: ['simple', 'disable', 'none', 'inotify', 'kqueue', 'fam'],
      defaultValue: 'simple',
    });
    expect(getDirective('server.network-backend')?.allowedValues).toContain('linux-sendfile');
    expect(getDirective('fastcgi.balance')?.allowedValues).toEqual(['least-connection', 'fair', 'round-robin', 'hash', 'sticky']);
    expect(getDirective('scgi.protocol')?.allowedValues).toEqual(['scgi', 'uwsgi']);
    expect(getDirective('deflate.allowed-encodings')?.allowedValues).toContain('brotli');
    expect(getDirective('server.bind')?.allowedValues).toBeUndefined();
    expect(getDirective('server.follow-symlink')?.defaultValue).toBe('enable');
    expect(getDirective('server.max-keep-alive-idle')?.defaultValue).toBe(5);
    expect(getDirective('ssi.content-type')?.defaultValue).toBe('text/html');
    // "default 80, or 443 when …" is not one value.
    expect(getDirective('server.port')?.defaultValue).toBeUndefined();
  });

  it('lists the sub-keys of nested arrays', () => {
    expect(getDirective('server.http-parseopts')?.subKeys).toEqual(expect.arrayContaining(['header-strict', 'url-path-2f-decode']));
    expect(getDirective('server.http-parseopts')?.subKeys).toHaveLength(15);
    expect(getDirective('auth.require')?.subKeys).toEqual(['method', 'realm', 'require', 'algorithm', 'nonce_secret', 'nonce-secret', 'userhash']);
    expect(getDirective('webdav.opts')?.subKeys).toContain('propfind-depth-infinity');
    expect(getDirective('vhostdb.ldap')?.subKeys).toContain('timeout');
    expect(getDirective('dir-listing.cache')?.subKeys).toEqual(['path', 'max-age']);
    // `e.g. ( "service" => "http" )` is an example, not the list.
    expect(getDirective('auth.backend.pam.opts')?.subKeys).toBeUndefined();
  });

  it('takes the sub-keys of server.feature-flags from the feature flags of the release', () => {
    expect(getDirective('server.feature-flags')?.subKeys).toContain('server.graceful-unconfig-sock');
    expect(getDirective('server.feature-flags', '1.4.69')?.subKeys).not.toContain('server.graceful-unconfig-sock');
    expect(getDirective('server.feature-flags', '1.4.69')?.subKeys).toContain('server.h2proto');
  });

  it('links each <backend>.server to its backend', () => {
    expect(getDirective('fastcgi.server')?.backend).toBe('fastcgi');
    expect(directives.filter((d) => d.backend).map((d) => d.backend)).toEqual([...backendNames]);
  });

  it('lists the directives of a module', () => {
    const rewrite = directivesForModule('mod_rewrite').map((d) => d.key);
    expect(rewrite).toContain('url.rewrite-if-not-file');
    expect(directivesForModule('mod_gnutls').map((d) => d.key)).toContain('ssl.pemfile');
    expect(directivesForModule('mod_secdownload', '1.4.69')).toEqual([]);
    expect(directivesForModule('mod_secdownload', '1.4.60').length).toBeGreaterThan(0);
    expect(directivesAt('1.4.69').some((d) => d.key === 'server.ip-transparent')).toBe(false);
  });

  it('refers only to modules of the module table', () => {
    for (const d of directives) {
      for (const m of [d.module, ...(d.modules ?? [])]) expect(getModule(m), `${d.key} → ${m}`).toBeDefined();
    }
  });

  it('has one row a key, ignoring case', () => {
    const keys = directives.map((d) => d.key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('suggestDirective', () => {
  it.each([
    ['server.document_root', 'server.document-root'],
    ['sever.port', 'server.port'],
    ['server.modlues', 'server.modules'],
    ['server.documentroot', 'server.document-root'],
    ['url.rewrite_once', 'url.rewrite-once'],
    ['ssl.pem-file', 'ssl.pemfile'],
  ])('%s → %s', (typo, meant) => {
    expect(suggestDirective(typo)).toBe(meant);
  });

  it('suggests nothing far away, for a known key, or a directive the release lacks', () => {
    expect(suggestDirective('completely.unrelated')).toBeUndefined();
    expect(suggestDirective('server.port')).toBeUndefined();
    expect(suggestDirective('server.ip-transparnt', '1.4.69')).not.toBe('server.ip-transparent');
  });

  it('measures Damerau-Levenshtein distance', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('sever.port', 'server.port')).toBe(1);
  });
});

describe('modules', () => {
  it('knows mod_compress was removed in favour of mod_deflate', () => {
    expect(getModule('mod_compress')).toMatchObject({ status: 'removed', removedIn: '1.4.56', replacement: 'mod_deflate' });
    expect(getModule('mod_compress', '1.4.55')?.status).toBe('current');
    expect(isKnownModule('mod_compress', '1.4.69')).toBe(false);
  });

  it('loads mod_deflate for a listed mod_compress only when lighttpd does: a compress.* key through 1.4.70, always since 1.4.71', () => {
    const loaded = (text: string, target: string) =>
      loadedModules(evaluateDocument(parse(text, { file: 'x.conf' }).ast, { targetVersion: target }), target).has('mod_deflate');
    const bare = 'server.modules = ( "mod_compress" )\ndeflate.mimetypes = ( "text/html" )\n';
    const withKey = `${bare}compress.filetype = ( "text/html" )\n`;
    // lighttpd 1.4.69 -tt: "unknown config-key: deflate.mimetypes" for the first, the DEPRECATED substitution for the second.
    expect(loaded(bare, '1.4.69')).toBe(false);
    expect(loaded(withKey, '1.4.69')).toBe(true);
    expect(loaded(bare, '1.4.71')).toBe(true);
    // Not compat-module-load's doing: it happens with that switched off too.
    expect(loaded(`${withKey}server.compat-module-load = "disable"\n`, '1.4.69')).toBe(true);
  });

  it('knows what Debian 1.4.69 builds in', () => {
    expect(isBuiltinInDebian('mod_rewrite')).toBe(true);
    expect(isBuiltinInDebian('mod_access')).toBe(true);
    expect(isBuiltinInDebian('mod_openssl')).toBe(false);
    expect(getModule('mod_openssl')).toMatchObject({ debianBuild: 'loadable', debianPackage: 'lighttpd-mod-openssl' });
    expect(getModule('mod_webdav')?.debianBuild).toBe('separate-package');
  });

  it('knows when a module arrived, what it needs and its role', () => {
    expect(getModule('mod_boringssl', '1.4.69')).toBeUndefined();
    expect(getModule('mod_boringssl', '1.4.80')?.roles).toEqual(['tls']);
    expect(getModule('mod_authn_ldap')?.requires).toBe('mod_auth');
    expect(getModule('mod_fastcgi')?.roles).toContain('dynamic-backend');
    expect(modulesWithRole('tls', '1.4.69').map((m) => m.name)).toEqual(['mod_gnutls', 'mod_mbedtls', 'mod_nss', 'mod_openssl', 'mod_wolfssl']);
    expect(getModule('mod_indexfile')?.autoLoad).toMatch(/prepended/);
    expect(getModule('core')?.debianBuild).toBe('builtin');
    expect(getModule('MOD_REWRITE')).toBeUndefined();
  });

  it('suggests a module for a typo', () => {
    expect(suggestModule('mod_rewite')).toBe('mod_rewrite');
    expect(suggestModule('mod_authn-file')).toBe('mod_authn_file');
  });
});

describe('conditions', () => {
  it('knows the fields, their operators and since when', () => {
    expect(getConditionField('HTTP', 'url')).toMatchObject({ internal: 'COMP_HTTP_URL', since: '1.4.1' });
    expect(getConditionField('HTTP', 'url')?.operators).toEqual(['==', '!=', '=~', '!~', '=^', '=$']);
    expect(getConditionField('HTTP', 'scheme', '1.4.18')).toBeUndefined();
    expect(getConditionField('HTTP', 'user-agent')?.aliasOf).toBe('useragent');
    expect(getConditionField('SERVER', 'socket')).toBeDefined();
    expect(getConditionField('REQUEST_HEADER', 'X-Forwarded-Proto')?.since).toBe('1.4.46');
    expect(getConditionField('REQUEST_HEADER', 'X-Forwarded-Proto', '1.4.45')).toBeUndefined();
  });

  it('rejects what lighttpd rejects', () => {
    expect(getConditionField('HTTP', 'Host')).toBeUndefined();
    expect(getConditionField('SERVER', 'name')).toBeUndefined();
    expect(getConditionField('PHYSICAL', 'path')).toBeUndefined();
    expect(conditionForms.find((f) => f.form.startsWith('$PHYSICAL'))?.supported).toBe(false);
  });

  it('knows when each operator arrived', () => {
    expect(matchOperators.map((o) => o.operator)).toEqual(['==', '!=', '=~', '!~', '=^', '=$']);
    expect(getMatchOperator('=^', '1.4.64')).toBeUndefined();
    expect(getMatchOperator('=^', '1.4.65')?.internal).toBe('CONFIG_COND_PREFIX');
    const url = getConditionField('HTTP', 'url')!;
    expect(isOperatorAllowed(url, '=$', '1.4.69')).toBe(true);
    expect(isOperatorAllowed(url, '=$', '1.4.60')).toBe(false);
    expect(isOperatorAllowed(url, '<>')).toBe(false);
  });
});

describe('backend options', () => {
  it('knows which backends take an option', () => {
    expect(getBackendOption('bin-path')).toMatchObject({ type: 'string', backends: ['fastcgi', 'scgi'] });
    expect(getBackendOption('connect-timeout')?.backends).toEqual([...backendNames]);
    expect(getBackendOption('Check-Local')?.name).toBe('check-local');
    expect(getBackendOption('upgrade', '1.4.69')).toBeUndefined();
    expect(backendOptionsFor('proxy').map((o) => o.name)).toContain('x-sendfile');
    expect(backendOptionsFor('proxy').map((o) => o.name)).not.toContain('bin-path');
  });

  it('knows deprecated and removed options and their replacements', () => {
    expect(getBackendOption('allow-x-send-file')).toMatchObject({ status: 'deprecated', replacement: 'x-sendfile' });
    expect(getBackendOption('min-procs-not-working')).toMatchObject({ status: 'removed', removedIn: '1.4.46', replacement: 'min-procs' });
    expect(getBackendOption('min-procs-not-working', '1.4.45')?.status).toBe('current');
    expect(backendOptionsFor('fastcgi').map((o) => o.name)).not.toContain('min-procs-not-working');
  });
});

describe('feature flags', () => {
  it('knows each flag, its default and since when', () => {
    expect(getFeatureFlag('server.h2proto')).toMatchObject({ type: 'boolean', defaultValue: 'enable', since: '1.4.56' });
    expect(getFeatureFlag('server.http-pathinfo', '1.4.69')).toBeUndefined();
    expect(getFeatureFlag('server.http-pathinfo', '1.4.72')).toBeDefined();
  });

  it('says "in 1.4.69" exactly for the flags that arrived by 1.4.69', () => {
    for (const flag of featureFlags) expect(flag.inDebian1469, flag.name).toBe(getFeatureFlag(flag.name, '1.4.69') !== undefined);
  });
});

// The committed tables are generated from ../shared/reference; a clone without it still runs the rest.
const hasReference = existsSync(join(DEFAULT_REFERENCE_DIR, 'directives.tsv'));
const withReference = hasReference ? it : it.skip;
const skipNote = hasReference ? '' : ` (skipped: ${DEFAULT_REFERENCE_DIR} not present)`;

describe('generated data', () => {
  withReference(`holds one record per TSV row${skipNote}`, () => {
    const rows = (name: string) => readTsv(join(DEFAULT_REFERENCE_DIR, name)).length;
    expect(directives).toHaveLength(rows('directives.tsv'));
    expect(modules.filter((m) => m.name !== 'core')).toHaveLength(rows('modules.tsv'));
    expect(conditionFields.length + matchOperators.length + conditionForms.length).toBe(rows('conditions.tsv'));
    expect(backendOptions).toHaveLength(rows('backend-options.tsv'));
    expect(featureFlags).toHaveLength(rows('feature-flags.tsv'));
  });

  withReference(`is what scripts/gen-catalog.ts writes today${skipNote}`, () => {
    for (const [name, text] of renderCatalog(DEFAULT_REFERENCE_DIR)) {
      expect(readFileSync(join(OUTPUT_DIR, name), 'utf8'), `${name} is stale: run node --import tsx scripts/gen-catalog.ts`).toBe(text);
    }
  });
});
