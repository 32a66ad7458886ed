import type { ConfigContext, EvaluateResult, Setting, SourceRange, Value } from '@lhconf/parser';
import { evaluateConditions, type CondEvaluation, type ConditionInput } from './conditions.js';
import { emptyFs, manifestFs, type FsView } from './fs-view.js';
import { translateRegex } from './regex.js';
import { decodePath, normalizeHost, normalizeTarget, type SimRequest } from './request.js';
import { substitute } from './substitute.js';

export type Stage = 'request' | 'condition' | 'modules' | 'rewrite' | 'redirect' | 'access' | 'auth' | 'alias' | 'physical' | 'indexfile' | 'handler' | 'inexact';

/** One thing lighttpd did or checked, in order. */
export interface TraceStep {
  stage: Stage;
  message: string;
  /** The pass (0 = first; a rewrite restarts the request and starts the next pass). */
  pass: number;
  /** The assignment or condition behind the step. */
  origin?: SourceRange;
  /** For conditions: matched, not matched, or skipped (parent false or an earlier else branch taken). */
  result?: 'true' | 'false' | 'skip';
}

export type Handler =
  | { kind: 'fastcgi' | 'scgi' | 'proxy'; key: string; host?: string; port?: string; socket?: string; binPath?: string; checkLocal: boolean; origin?: SourceRange }
  | { kind: 'cgi'; extension: string; interpreter: string; origin?: SourceRange }
  | { kind: 'static'; file: string }
  | { kind: 'dirlisting'; dir: string };

export interface Outcome {
  /** The response status lighttpd decides (200 when a handler takes the request). */
  status: number;
  handler: Handler | null;
  /** Location of a redirect (url.redirect or the redirect to a directory's slash). */
  location?: string;
  /** The request target after every rewrite (path?query). */
  target: string;
  /** uri.path when the handler runs (PATH_INFO split off, index file appended). */
  path: string;
  query: string | undefined;
  pathInfo: string;
  physicalPath?: string;
  /** Why the request ended this way. */
  reason: string;
}

export interface EffectiveSetting {
  key: string;
  value: Value;
  origin?: SourceRange;
}

export interface SimulationResult {
  steps: TraceStep[];
  outcome: Outcome;
  /** Settings that apply to the request in its last pass (global plus every matching block). */
  settings: EffectiveSetting[];
  /** Every "cannot evaluate exactly" note; empty when the prediction is exact. */
  inexact: string[];
}

export interface SimulateOptions {
  /**
   * What exists on disk: a view, or a manifest (absolute paths; a trailing "/" marks a directory). Without it
   * nothing exists and the trace says so where it matters.
   */
  fs?: FsView | readonly string[];
}

const MAX_PASSES = 100; // mod_rewrite's loop guard

/**
 * Follows one request through lighttpd 1.4.69's request handling (response.c http_response_prepare):
 * conditions, the URI handlers of the loaded modules in server.modules order (mod_rewrite, mod_redirect,
 * mod_access, mod_auth, backends with check-local disabled), document root and mod_alias, the
 * if-not-file rewrites, the physical path check with PATH_INFO, then the subrequest handlers
 * (mod_indexfile, backends, mod_cgi, mod_dirlisting, mod_staticfile).
 */
export function simulate(evaluated: EvaluateResult, request: SimRequest, options: SimulateOptions = {}): SimulationResult {
  const fs = options.fs === undefined ? emptyFs : Array.isArray(options.fs) ? manifestFs(options.fs) : (options.fs as FsView);
  return new Simulation(evaluated, request, fs).run();
}

type Ended = { ended: true; outcome: Omit<Outcome, 'target' | 'query'> & Partial<Pick<Outcome, 'target' | 'query'>> };
type Comeback = { comeback: true };

class Simulation {
  steps: TraceStep[] = [];
  inexact: string[] = [];
  pass = 0;
  target: string;
  headers: Map<string, string>;
  authority: string;
  scheme: string;
  rewriteFinished = false;
  method: string;
  badHost: boolean;
  badTarget: boolean;
  modules: string[];
  evals = new Map<ConfigContext, CondEvaluation>();
  matched: ConfigContext[] = [];
  fsWarned = false;

  constructor(readonly ev: EvaluateResult, readonly req: SimRequest, readonly fs: FsView) {
    this.headers = new Map(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    this.scheme = req.scheme ?? 'http';
    const host = req.host ?? this.headers.get('host');
    const authority = host === undefined ? '' : normalizeHost(host, this.scheme === 'https' ? 443 : 80);
    this.badHost = authority === undefined;
    this.authority = authority ?? '';
    this.method = (req.method ?? 'GET').toUpperCase();
    const url = req.url.startsWith('/') ? req.url : `/${req.url}`;
    const normalized = normalizeTarget(url);
    this.badTarget = normalized === undefined;
    this.target = normalized ?? url;
    this.modules = this.moduleOrder();
  }

  run(): SimulationResult {
    this.step('request', `${this.method} ${this.scheme}://${this.authority || '(no host)'}${this.target}`);
    this.step('modules', `handlers run in this order: ${this.modules.join(', ')}`);
    for (const mod of this.modules) {
      if (SIMULATED_MODULES.has(mod) || NO_ROUTING_EFFECT.has(mod) || mod.startsWith('mod_authn_')) continue;
      this.step('inexact', `cannot evaluate exactly: ${mod} is loaded and not simulated; it may change how the request is routed`);
    }
    for (const [prefix, mod] of IGNORED_WITHOUT) {
      if (this.modules.includes(mod)) continue;
      for (const ctx of this.ev.contexts) {
        for (const s of ctx.settings.values()) {
          if (s.key.startsWith(prefix)) this.step('modules', `${s.key} is ignored: ${mod} is not loaded`, s.origins.at(-1));
        }
      }
    }
    if (this.badHost || this.badTarget) {
      this.step('request', this.badHost
        ? `the Host header ${JSON.stringify(this.req.host ?? this.headers.get('host'))} is not a valid host name: 400`
        : 'the request target holds an encoded control character (url-ctrls-reject): 400');
      const { path, query } = decodePath(this.target);
      return { steps: this.steps, settings: [], inexact: this.inexact,
        outcome: { status: 400, handler: null, target: this.target, path, query, pathInfo: '', reason: this.badHost ? 'invalid Host header' : 'invalid request target' } };
    }
    let ended = this.passes();
    // An error lighttpd decides itself (no handler) runs server.error-handler, or server.error-handler-404 for
    // 403/404, once, as a new request (response.c http_response_has_error_handler).
    if (ended && ended.outcome.status >= 400 && !ended.outcome.handler) {
      const original = ended.outcome.status;
      const all = this.setting('server.error-handler');
      const only404 = original === 404 || original === 403 ? this.setting('server.error-handler-404') : undefined;
      const chosen = all ?? only404;
      const url = stringOf(chosen?.setting.value);
      if (chosen && url) {
        this.pass++;
        this.step('handler', `${chosen.setting.key} = "${url}": the ${original} is handled by a new request for ${url}`, chosen.setting.origins.at(-1));
        this.target = normalizeTarget(url) ?? url;
        if (all) {
          // server.error-handler resets the modules (mod_rewrite may rewrite again) and turns the method into GET.
          this.rewriteFinished = false;
          this.method = 'GET';
        }
        const again = this.passes();
        if (again) {
          const s = again.outcome.status;
          // error-handler keeps the original status; error-handler-404 keeps it only when it fails with 403/404.
          const status = all || s === 404 || s === 403 ? original : s;
          ended = { ended: true, outcome: { ...again.outcome, status, reason: `${chosen.setting.key} after ${original} (${again.outcome.reason})` } };
        } else ended = undefined;
      }
    }
    const { path, query } = decodePath(this.target);
    const outcome: Outcome = ended
      ? { target: this.target, query, ...ended.outcome }
      : { status: 500, handler: null, target: this.target, path, query, pathInfo: '', reason: 'endless rewrite loop (more than 100 rewrites): lighttpd aborts the request' };
    return { steps: this.steps, outcome, settings: this.effectiveSettings(), inexact: this.inexact };
  }

  passes(): Ended | undefined {
    for (const start = this.pass; this.pass < start + MAX_PASSES; this.pass++) {
      const r = this.onePass();
      if ('ended' in r) return r;
    }
    return undefined;
  }

  step(stage: Stage, message: string, origin?: SourceRange, result?: TraceStep['result']): void {
    this.steps.push({ stage, message, pass: this.pass, ...(origin && { origin }), ...(result && { result }) });
    if (stage === 'inexact') this.inexact.push(message);
  }

  // ---- configuration ------------------------------------------------------------------------------

  /** server.modules with lighttpd's compatibility edits (configfile.c config_compat_module_load). */
  moduleOrder(): string[] {
    const listed = stringsOf(this.ev.root.settings.get('server.modules')?.value);
    const anyEnabled = (...keys: string[]) =>
      this.ev.contexts.some((c) => keys.some((k) => c.settings.has(k) && isEnabled(c.settings.get(k)!.value, true)));
    let mods = [...new Set(listed)];
    const indexOn = anyEnabled('index-file.names', 'server.indexfiles');
    const dirOn = anyEnabled('dir-listing.activate', 'server.dir-listing');
    if (!indexOn) mods = mods.filter((m) => m !== 'mod_indexfile');
    else if (!mods.includes('mod_indexfile')) mods.unshift('mod_indexfile');
    if (!dirOn) mods = mods.filter((m) => m !== 'mod_dirlisting');
    else if (!mods.includes('mod_dirlisting')) mods.push('mod_dirlisting');
    if (!mods.includes('mod_staticfile')) mods.push('mod_staticfile');
    return mods;
  }

  /** The value a module sees: the last matching block (in block order) that sets the key wins. */
  setting(key: string): { setting: Setting; context: ConfigContext } | undefined {
    let found: { setting: Setting; context: ConfigContext } | undefined;
    for (const ctx of this.matched) {
      const s = ctx.settings.get(key);
      if (s) found = { setting: s, context: ctx };
    }
    return found;
  }

  effectiveSettings(): EffectiveSetting[] {
    const byKey = new Map<string, EffectiveSetting>();
    for (const ctx of this.matched) {
      for (const [k, s] of ctx.settings) {
        if (k.startsWith('var.') || k.startsWith('env.')) continue;
        byKey.delete(k);
        byKey.set(k, { key: s.key, value: s.value, ...(s.origins.at(-1) && { origin: s.origins.at(-1)! }) });
      }
    }
    return [...byKey.values()];
  }

  /** %0..%9 for a directive set in `ctx`: the captures of the nearest enclosing regex condition. */
  condCaptures(ctx: ConfigContext): string[] | undefined {
    for (let c: ConfigContext | null = ctx; c && c.index !== 0; c = c.parent) {
      if (c.condition?.writtenOperator === '=~') return this.evals.get(c)?.captures;
    }
    return undefined;
  }

  // ---- one pass through http_response_prepare -----------------------------------------------------

  onePass(): Ended | Comeback {
    const { path, query } = decodePath(this.target);
    const input: ConditionInput = {
      authority: this.authority, scheme: this.scheme, path, query: query ?? '', method: this.method,
      remoteIp: this.req.remoteIp ?? '127.0.0.1', socket: this.req.socket ?? this.defaultSocket(), headers: this.headers,
    };
    if (this.pass > 0) this.step('request', `request restarts with ${this.target}: conditions are evaluated again`);
    this.evals = evaluateConditions(this.ev.contexts, input);
    this.matched = [this.ev.root];
    for (const ctx of this.ev.contexts) {
      if (ctx.index === 0) continue;
      const e = this.evals.get(ctx)!;
      if (e.result === 'true') this.matched.push(ctx);
      const origin = ctx.branches[0]?.range as SourceRange | undefined;
      const what = e.result === 'skip'
        ? (ctx.prev && this.evals.get(ctx.prev)?.result !== 'false' && !(ctx.parent && ctx.parent.index !== 0 && this.evals.get(ctx.parent)?.result !== 'true')
          ? 'skipped: an earlier branch of the else chain was taken' : 'skipped: the enclosing block did not match')
        : e.subject === undefined ? (e.result === 'true' ? 'taken (else)' : 'not matched')
          : `${e.result === 'true' ? 'matched' : 'not matched'} against ${JSON.stringify(e.subject)}`;
      this.step('condition', `${ctx.text}: ${what}`, origin, e.result);
      if (e.inexact) this.step('inexact', e.inexact, origin);
    }
    return this.uriStage(path, query) ?? this.physicalStage(path, query);
  }

  defaultSocket(): string {
    const bind = stringOf(this.ev.root.settings.get('server.bind')?.value) ?? '0.0.0.0';
    const port = this.ev.root.settings.get('server.port')?.value;
    const p = port?.kind === 'integer' ? port.value : port?.kind === 'string' ? port.value : this.scheme === 'https' ? 443 : 80;
    return bind.startsWith('/') ? bind : `${bind}:${p}`;
  }

  uriStage(path: string, query: string | undefined): Ended | Comeback | undefined {
    for (const mod of this.modules) {
      const r =
        mod === 'mod_rewrite' ? this.rewrite(false, undefined)
        : mod === 'mod_redirect' ? this.redirect()
        : mod === 'mod_access' ? this.access(path)
        : mod === 'mod_auth' ? this.auth(path)
        : mod in BACKENDS ? this.backend(mod, 'uri', path, undefined)
        : undefined;
      if (r) return withPath(r, path, query);
    }
    return undefined;
  }

  physicalStage(path: string, query: string | undefined): Ended | Comeback {
    const docRootSetting = this.setting('server.document-root');
    const docRoot = stringOf(docRootSetting?.setting.value) ?? '';
    let basedir = docRoot;
    let physical = joinPath(docRoot, path);
    this.step('physical', `document root ${JSON.stringify(docRoot)}: physical path ${physical}`, docRootSetting?.setting.origins.at(-1));
    for (const mod of this.modules) {
      if (mod === 'mod_alias') {
        const alias = this.setting('alias.url');
        if (!alias) continue;
        const rel = physical.slice(basedir.replace(/\/$/, '').length);
        for (const e of entriesOf(alias.setting.value)) {
          if (e.key === null || !rel.startsWith(e.key)) continue;
          const target = stringOf(e.value) ?? '';
          // mod_alias refuses "/key../" when the key lacks its slash and the target has one: a path traversal.
          const after = rel.slice(e.key.length);
          if (/^\.\.?(\/|$)/.test(after) && !e.key.endsWith('/') && target.endsWith('/')) {
            this.step('alias', `alias.url "${e.key}" => "${target}" would let ${path} leave ${target}: 403`, alias.setting.origins.at(-1));
            return end({ status: 403, handler: null, path, query, pathInfo: '', reason: 'path traversal through alias.url' });
          }
          physical = target + rel.slice(e.key.length);
          basedir = target;
          this.step('alias', `alias.url "${e.key}" => "${target}": physical path ${physical}`, alias.setting.origins.at(-1));
          break;
        }
      } else if (mod === 'mod_rewrite') {
        const r = this.rewrite(true, physical);
        if (r) return withPath(r, path, query);
      }
    }
    return this.checkPhysical(path, query, physical, basedir, docRoot);
  }

  checkPhysical(uriPath: string, query: string | undefined, physicalIn: string, basedir: string, docRoot: string): Ended {
    let path = uriPath;
    let physical = physicalIn;
    let pathInfo = '';
    let kind = this.stat(physical);
    if (kind === undefined) {
      // ENOTDIR (a leading component is a file) means PATH_INFO; ENOENT is 404 at once.
      const base = basedir.replace(/\/$/, '').length;
      let found: number | undefined;
      for (let i = physical.indexOf('/', base + 1); i > 0; i = physical.indexOf('/', i + 1)) {
        const k = this.stat(physical.slice(0, i));
        if (k === 'dir') continue;
        if (k === 'file') found = i;
        break;
      }
      if (found === undefined) {
        this.step('physical', `${physical} does not exist: 404`);
        return end({ status: 404, handler: null, path, query, pathInfo, physicalPath: physical, reason: `${physical} does not exist` });
      }
      pathInfo = physical.slice(found);
      physical = physical.slice(0, found);
      path = path.slice(0, path.length - pathInfo.length);
      kind = 'file';
      this.step('physical', `${physical} exists: PATH_INFO ${JSON.stringify(pathInfo)}, uri.path ${path}`);
    } else {
      this.step('physical', `${physical} is a ${kind === 'dir' ? 'directory' : 'file'}`);
    }
    if (kind === 'dir' && !path.endsWith('/')) {
      // 1.4.69 sends a relative Location (http_response_redirect_to_directory without server.name).
      const location = `${encodeURI(path)}/${query !== undefined ? `?${query}` : ''}`;
      this.step('physical', `directory without trailing slash: 301 to ${location}`);
      return end({ status: 301, handler: null, location, path, query, pathInfo, physicalPath: physical, reason: 'directory requested without its trailing slash' });
    }
    return this.subrequest(path, query, physical, pathInfo, docRoot, kind);
  }

  subrequest(uriPath: string, query: string | undefined, physicalIn: string, pathInfo: string, docRoot: string, kindIn: 'file' | 'dir'): Ended {
    let path = uriPath;
    let physical = physicalIn;
    let kind: 'file' | 'dir' | undefined = kindIn;
    const done = (status: number, handler: Handler | null, reason: string): Ended =>
      end({ status, handler, path, query, pathInfo, physicalPath: physical, reason });
    for (const mod of this.modules) {
      if (mod === 'mod_indexfile' && path.endsWith('/')) {
        const names = this.setting('index-file.names') ?? this.setting('server.indexfiles');
        for (const name of stringsOf(names?.setting.value)) {
          const candidate = name.startsWith('/') ? joinPath(docRoot, name) : physical + name;
          const k = this.stat(candidate);
          if (k === undefined) continue;
          path = name.startsWith('/') ? name : path + name;
          physical = candidate;
          kind = k;
          this.step('indexfile', `index-file ${JSON.stringify(name)} exists: uri.path ${path}, physical path ${physical}`, names?.setting.origins.at(-1));
          break;
        }
      } else if (mod === 'mod_access') {
        const r = this.access(path);
        if (r) return { ended: true, outcome: { ...r.outcome, path, query, pathInfo, physicalPath: physical } };
      } else if (mod === 'mod_fastcgi' || mod === 'mod_scgi') {
        const r = this.backend(mod, 'physical', path, physical);
        if (r && 'ended' in r) return { ended: true, outcome: { ...r.outcome, path: r.outcome.path ?? path, query, pathInfo, physicalPath: physical } };
      } else if (mod === 'mod_cgi') {
        if (kind !== 'file') continue;
        const assign = this.setting('cgi.assign');
        for (const e of entriesOf(assign?.setting.value)) {
          if (e.key === null || !physical.endsWith(e.key)) continue;
          const interpreter = stringOf(e.value) ?? '';
          this.step('handler', `cgi.assign "${e.key}" => "${interpreter}" matches ${physical}: mod_cgi runs ${interpreter || 'the file itself'}`, assign?.setting.origins.at(-1));
          return done(200, { kind: 'cgi', extension: e.key, interpreter, ...(assign?.setting.origins.at(-1) && { origin: assign.setting.origins.at(-1)! }) }, `cgi.assign "${e.key}"`);
        }
      } else if (mod === 'mod_dirlisting') {
        if (kind === 'dir' && isEnabled((this.setting('dir-listing.activate') ?? this.setting('server.dir-listing'))?.setting.value, false)) {
          this.step('handler', `dir-listing.activate is enabled: mod_dirlisting lists ${physical}`);
          return done(200, { kind: 'dirlisting', dir: physical }, 'directory listing');
        }
      } else if (mod === 'mod_staticfile') {
        const method = this.method;
        if (!['GET', 'HEAD', 'POST', 'QUERY'].includes(method)) continue;
        if (pathInfo && isEnabled(this.setting('static-file.disable-pathinfo')?.setting.value, false)) {
          this.step('handler', 'static-file.disable-pathinfo: mod_staticfile declines a request with PATH_INFO');
          continue;
        }
        const exclude = this.setting('static-file.exclude-extensions');
        const ext = stringsOf(exclude?.setting.value).find((x) => physical.endsWith(x));
        if (ext !== undefined) {
          this.step('handler', `static-file.exclude-extensions has "${ext}": mod_staticfile declines`, exclude?.setting.origins.at(-1));
          continue;
        }
        if (kind !== 'file') {
          this.step('handler', `${physical} is not a regular file: mod_staticfile answers 403`);
          return done(403, null, 'a directory with no index file and no listing');
        }
        this.step('handler', `mod_staticfile sends ${physical}`);
        return done(200, { kind: 'static', file: physical }, 'static file');
      }
    }
    // response.c: no handler means 403 for GET/HEAD/QUERY/POST, 501 for other methods, 200 for OPTIONS.
    const method = this.method;
    const status = method === 'OPTIONS' ? 200 : ['GET', 'HEAD', 'QUERY', 'POST'].includes(method) ? 403 : 501;
    this.step('handler', `no module handled the request: ${status}`);
    return done(status, null, 'no handler');
  }

  stat(path: string): 'file' | 'dir' | undefined {
    if (!this.fs.known && !this.fsWarned) {
      this.fsWarned = true;
      this.step('inexact', 'cannot evaluate exactly: no file system view (--fs or --docroot-from-disk); every file is assumed missing');
    }
    return this.fs.stat(path);
  }

  // ---- modules ------------------------------------------------------------------------------------

  /** mod_rewrite (uri stage, or the if-not-file lists at the physical stage). */
  rewrite(ifNotFile: boolean, physical: string | undefined): Ended | Comeback | undefined {
    if (this.rewriteFinished) return undefined;
    const keys = ifNotFile
      ? { once: ['url.rewrite-if-not-file'], repeat: ['url.rewrite-repeat-if-not-file'] }
      : { once: ['url.rewrite-once', 'url.rewrite-final', 'url.rewrite'], repeat: ['url.rewrite-repeat'] };
    // Each block's lists are one rule list (once rules first); the last matching block that has any wins.
    let ctx: ConfigContext | undefined;
    for (const c of this.matched) if ([...keys.once, ...keys.repeat].some((k) => c.settings.has(k))) ctx = c;
    if (!ctx) return undefined;
    if (ifNotFile && physical !== undefined && this.stat(physical) === 'file') {
      this.step('rewrite', `${physical} is a regular file: the if-not-file rules do not apply`);
      return undefined;
    }
    const rules: { pattern: string; replacement: string; once: boolean; origin?: SourceRange; key: string }[] = [];
    for (const [group, once] of [[keys.once, true], [keys.repeat, false]] as const) {
      for (const k of group) {
        const s = ctx.settings.get(k);
        for (const e of entriesOf(s?.value)) {
          if (e.key !== null) rules.push({ pattern: e.key, replacement: stringOf(e.value) ?? '', once, key: s!.key, ...(s!.origins.at(-1) && { origin: s!.origins.at(-1)! }) });
        }
      }
    }
    const r = this.firstMatch(rules);
    if (!r) return undefined;
    const { rule, match } = r;
    if (rule.replacement === '') {
      this.step('rewrite', `${rule.key} "${rule.pattern}" matches ${this.target} with an empty replacement: no rewrite, later rules are not tried`, rule.origin);
      return undefined;
    }
    const sub = this.expand(rule.replacement, match, ctx);
    if (!sub.startsWith('/')) {
      this.step('rewrite', `${rule.key} "${rule.pattern}" gives ${JSON.stringify(sub)}, which does not begin with "/": 500`, rule.origin);
      return end({ status: 500, handler: null, path: '', pathInfo: '', reason: 'mod_rewrite result does not begin with "/"' });
    }
    this.step('rewrite', `${rule.key} "${rule.pattern}" => "${rule.replacement}": ${this.target} becomes ${sub}${rule.once ? '' : ' (repeat: rules apply again)'}`, rule.origin);
    const next = normalizeTarget(sub);
    if (next === undefined) {
      this.step('rewrite', `${sub} holds an encoded control character: 400`, rule.origin);
      return end({ status: 400, handler: null, path: '', pathInfo: '', reason: 'the rewritten target is invalid' });
    }
    this.target = next;
    if (rule.once) this.rewriteFinished = true;
    return { comeback: true };
  }

  /** mod_redirect: url.redirect matched against the raw target (path?query). */
  redirect(): Ended | undefined {
    const found = this.setting('url.redirect');
    if (!found) return undefined;
    const rules = entriesOf(found.setting.value).filter((e) => e.key !== null).map((e) => ({
      pattern: e.key!, replacement: stringOf(e.value) ?? '', key: found.setting.key, once: true, origin: found.setting.origins.at(-1),
    }));
    const r = this.firstMatch(rules);
    if (!r || r.rule.replacement === '') return undefined;
    const location = this.expand(r.rule.replacement, r.match, found.context);
    const codeSetting = this.setting('url.redirect-code')?.setting.value;
    const status = codeSetting?.kind === 'integer' ? codeSetting.value : codeSetting?.kind === 'string' ? Number(codeSetting.value) : 301;
    this.step('redirect', `url.redirect "${r.rule.pattern}" => "${r.rule.replacement}": ${status} to ${location}`, r.rule.origin);
    return end({ status, handler: null, location, path: '', pathInfo: '', reason: `url.redirect "${r.rule.pattern}"` });
  }

  firstMatch<R extends { pattern: string; key: string; origin?: SourceRange | undefined }>(rules: R[]): { rule: R; match: RegExpExecArray } | undefined {
    for (const rule of rules) {
      const t = translateRegex(rule.pattern);
      if (!t.ok) {
        this.step('inexact', `cannot evaluate exactly: ${rule.key} ${t.reason}; assumed not to match`, rule.origin);
        continue;
      }
      const m = t.regex.exec(this.target);
      if (m) return { rule, match: m };
    }
    return undefined;
  }

  expand(replacement: string, match: RegExpExecArray, ctx: ConfigContext): string {
    const port = Number(/:(\d+)$/.exec(this.req.socket ?? this.defaultSocket())?.[1] ?? (this.scheme === 'https' ? 443 : 80));
    const { query } = decodePath(this.target);
    const sub = substitute(replacement, {
      match: [...match], condMatch: this.condCaptures(ctx), scheme: this.scheme, authority: this.authority, port, target: this.target, query,
    });
    for (const n of sub.inexact) this.step('inexact', n);
    return sub.text;
  }

  /** mod_access: url.access-allow / url.access-deny suffix match on uri.path. */
  access(path: string): Ended | undefined {
    const allow = this.setting('url.access-allow');
    const deny = this.setting('url.access-deny');
    const allowList = stringsOf(allow?.setting.value);
    if (allowList.length) {
      if (allowList.some((s) => path.endsWith(s))) return undefined;
      this.step('access', `url.access-allow has no suffix of ${path}: 403`, allow?.setting.origins.at(-1));
      return end({ status: 403, handler: null, path, pathInfo: '', reason: 'url.access-allow' });
    }
    const hit = stringsOf(deny?.setting.value).find((s) => path.endsWith(s));
    if (hit === undefined) return undefined;
    this.step('access', `url.access-deny "${hit}" is a suffix of ${path}: 403`, deny?.setting.origins.at(-1));
    return end({ status: 403, handler: null, path, pathInfo: '', reason: `url.access-deny "${hit}"` });
  }

  /** mod_auth: the first auth.require prefix of uri.path; without credentials the answer is 401. */
  auth(path: string): Ended | undefined {
    const req = this.setting('auth.require');
    const entry = entriesOf(req?.setting.value).find((e) => e.key !== null && path.startsWith(e.key));
    if (!entry) return undefined;
    const method = (stringOf(entriesOf(entry.value).find((e) => e.key === 'method')?.value) ?? 'basic').toLowerCase();
    const authz = this.headers.get('authorization');
    if (authz) {
      const origin = req?.setting.origins.at(-1);
      const verdict = method === 'basic' ? this.checkBasic(authz, stringOf(entriesOf(entry.value).find((e) => e.key === 'require')?.value) ?? '') : undefined;
      if (verdict === undefined) {
        this.step('auth', `auth.require "${entry.key}" (${method}) applies; credentials are sent, the simulation assumes they are valid`, origin);
        this.step('inexact', 'cannot evaluate exactly: credentials are not checked against the auth backend');
        return undefined;
      }
      if (verdict.status === 0) {
        this.step('auth', `auth.require "${entry.key}" (basic): ${verdict.why}`, origin);
        return undefined;
      }
      this.step('auth', `auth.require "${entry.key}" (basic): ${verdict.why}: ${verdict.status}`, origin);
      return end({ status: verdict.status, handler: null, path, pathInfo: '', reason: `auth.require "${entry.key}": ${verdict.why}` });
    }
    this.step('auth', `auth.require "${entry.key}" (${method}) applies and the request has no Authorization header: 401`, req?.setting.origins.at(-1));
    return end({ status: 401, handler: null, path, pathInfo: '', reason: `auth.require "${entry.key}"` });
  }

  /**
   * mod_auth_check_basic with the plain backend (mod_authn_file): status 0 when the credentials pass, 401 when
   * they do not, 400 for a malformed header; undefined when this cannot be decided here.
   */
  checkBasic(authz: string, require: string): { status: number; why: string } | undefined {
    if (!/^basic /i.test(authz)) return { status: 401, why: 'the Authorization header is not Basic' };
    const decoded = Buffer.from(authz.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return { status: 400, why: 'the Basic credentials have no ":"' };
    const user = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    if (stringOf(this.setting('auth.backend')?.setting.value) !== 'plain') return undefined;
    const userfile = stringOf(this.setting('auth.backend.plain.userfile')?.setting.value);
    const text = userfile && this.fs.read ? this.fs.read(userfile) : undefined;
    if (text === undefined) return undefined;
    const ok = text.split(/\r?\n/).some((line) => line === `${user}:${password}`);
    if (!ok) return { status: 401, why: `user "${user}" and this password are not in ${userfile}` };
    const rules = require.split('|').map((r) => r.trim());
    if (rules.includes('valid-user')) return { status: 0, why: `user "${user}" is valid (${userfile})` };
    if (rules.some((r) => !r.startsWith('user='))) return undefined;
    return rules.includes(`user=${user}`)
      ? { status: 0, why: `user "${user}" is allowed by require "${require}"` }
      : { status: 401, why: `user "${user}" is not allowed by require "${require}"` };
  }

  /** gw_backend.c gw_check_extension for mod_fastcgi, mod_scgi and mod_proxy. */
  backend(mod: string, stage: 'uri' | 'physical', uriPath: string, physical: string | undefined): Ended | undefined {
    const { kind, key } = BACKENDS[mod as keyof typeof BACKENDS];
    const server = this.setting(key);
    if (!server) return undefined;
    const fn = stage === 'uri' ? uriPath : physical!;
    let ext: { key: string; value: Value } | undefined;
    const mapping = this.setting(`${kind}.map-extensions`);
    const mapped = entriesOf(mapping?.setting.value).find((e) => e.key !== null && fn.endsWith(e.key));
    const exts = entriesOf(server.setting.value).filter((e): e is { key: string; value: Value } => e.key !== null);
    if (mapped) ext = exts.find((e) => e.key === stringOf(mapped.value));
    ext ??= exts.find((e) => (e.key.startsWith('/') ? uriPath.startsWith(e.key) : fn.endsWith(e.key)));
    if (!ext) return undefined;
    const hosts = hostsOf(ext.value);
    const host = hosts[0] ?? new Map<string, Value>();
    if (hosts.some((h) => stringOf(h.get('mode')) === 'authorizer')) this.step('inexact', `cannot evaluate exactly: ${key} "${ext.key}" is an authorizer; its answer is not simulated`);
    const checkLocal = kind !== 'proxy' && isEnabled(host.get('check-local'), true);
    if (stage === 'uri' && checkLocal) return undefined;
    let path = uriPath;
    let pathInfo = '';
    if (stage === 'uri' && ext.key.startsWith('/')) {
      // SCRIPT_NAME is the prefix up to the next slash; the rest becomes PATH_INFO.
      if (ext.key.length === 1 && isEnabled(host.get('fix-root-scriptname'), false)) {
        pathInfo = uriPath; path = '';
      } else if (uriPath.length > ext.key.length) {
        const slash = uriPath.indexOf('/', ext.key.length);
        if (slash >= 0) { pathInfo = uriPath.slice(slash); path = uriPath.slice(0, slash); }
      }
    }
    const origin = server.setting.origins.at(-1);
    const handler: Handler = {
      kind, key: ext.key, checkLocal,
      ...(stringOf(host.get('host')) !== undefined && { host: stringOf(host.get('host'))! }),
      ...(host.get('port') && { port: String(scalar(host.get('port'))) }),
      ...(stringOf(host.get('socket')) !== undefined && { socket: stringOf(host.get('socket'))! }),
      ...(stringOf(host.get('bin-path')) !== undefined && { binPath: stringOf(host.get('bin-path'))! }),
      ...(origin && { origin }),
    };
    const how = ext.key.startsWith('/') ? `prefix "${ext.key}" of ${uriPath}` : `extension "${ext.key}" of ${fn}`;
    this.step('handler', `${key} ${how}${stage === 'uri' ? ' (check-local disabled: no file check)' : ''}: ${describeHandler(handler)}`, origin);
    return end({ status: 200, handler, path, pathInfo, reason: `${key} "${ext.key}"` });
  }
}

const SIMULATED_MODULES = new Set([
  'mod_rewrite', 'mod_redirect', 'mod_access', 'mod_auth', 'mod_alias', 'mod_indexfile', 'mod_fastcgi', 'mod_scgi', 'mod_proxy',
  'mod_cgi', 'mod_dirlisting', 'mod_staticfile',
]);
// Modules that only log, add headers or environment, compress, or serve TLS: the handler and status stay the same.
const NO_ROUTING_EFFECT = new Set([
  'mod_accesslog', 'mod_setenv', 'mod_expire', 'mod_deflate', 'mod_compress', 'mod_usertrack', 'mod_openssl', 'mod_gnutls',
  'mod_mbedtls', 'mod_nss', 'mod_wolfssl', 'mod_rrdtool', 'mod_maxminddb',
]);

// Directives that do nothing unless their module is in server.modules.
const IGNORED_WITHOUT: [string, string][] = [
  ['url.rewrite', 'mod_rewrite'], ['url.redirect', 'mod_redirect'], ['url.access-', 'mod_access'], ['auth.require', 'mod_auth'],
  ['alias.url', 'mod_alias'], ['cgi.assign', 'mod_cgi'], ['fastcgi.server', 'mod_fastcgi'], ['scgi.server', 'mod_scgi'], ['proxy.server', 'mod_proxy'],
];

const BACKENDS = {
  mod_fastcgi: { kind: 'fastcgi', key: 'fastcgi.server' },
  mod_scgi: { kind: 'scgi', key: 'scgi.server' },
  mod_proxy: { kind: 'proxy', key: 'proxy.server' },
} as const satisfies Record<string, { kind: 'fastcgi' | 'scgi' | 'proxy'; key: string }>;

/** A one-line description of a handler, as `explain` and `test` print it. */
export function describeHandler(h: Handler): string {
  switch (h.kind) {
    case 'fastcgi': case 'scgi': case 'proxy': {
      const addr = h.socket ?? (h.host !== undefined || h.port !== undefined ? `${h.host ?? ''}:${h.port ?? ''}` : '(no address)');
      return `${h.kind} ${addr}${h.binPath ? ` (bin-path ${h.binPath})` : ''}`;
    }
    case 'cgi': return `cgi ${h.interpreter || '(the script itself)'}`;
    case 'static': return `static ${h.file}`;
    case 'dirlisting': return `dirlisting ${h.dir}`;
  }
}

function end(outcome: Ended['outcome']): Ended {
  return { ended: true, outcome };
}

function withPath(r: Ended | Comeback, path: string, query: string | undefined): Ended | Comeback {
  if ('comeback' in r) return r;
  return { ended: true, outcome: { ...r.outcome, path: r.outcome.path || path, query } };
}

/** buffer_copy_path_len2: exactly one slash between the two parts. */
function joinPath(a: string, b: string): string {
  if (!a) return b;
  return a.replace(/\/+$/, '') + '/' + b.replace(/^\/+/, '');
}

export function stringOf(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'integer') return String(v.value);
  return undefined;
}

function scalar(v: Value | undefined): string | number | undefined {
  return v?.kind === 'integer' ? v.value : stringOf(v);
}

export function stringsOf(v: Value | undefined): string[] {
  if (!v) return [];
  if (v.kind !== 'array') return v.kind === 'string' ? [v.value] : [];
  return v.elements.map((e) => stringOf(e.value)).filter((s): s is string => s !== undefined);
}

export function entriesOf(v: Value | undefined): { key: string | null; value: Value }[] {
  return v?.kind === 'array' ? v.elements : [];
}

/** The hosts of one backend extension: `( ( "host" => … ), … )` or `( "name" => ( … ) )`. */
export function hostsOf(v: Value): Map<string, Value>[] {
  const elements = entriesOf(v);
  if (elements.length && elements.every((e) => e.value.kind !== 'array')) return [new Map(elements.map((e) => [e.key ?? '', e.value]))];
  return elements.filter((e) => e.value.kind === 'array').map((e) => new Map(entriesOf(e.value).map((o) => [o.key ?? '', o.value])));
}

/** lighttpd booleans: enable/disable, true/false, on/off, 1/0. */
export function isEnabled(v: Value | undefined, dflt: boolean): boolean {
  if (!v) return dflt;
  if (v.kind === 'integer') return v.value !== 0;
  if (v.kind === 'array') return v.elements.length > 0;
  const s = v.value.toLowerCase();
  if (['enable', 'true', 'on', '1'].includes(s)) return true;
  if (['disable', 'false', 'off', '0'].includes(s)) return false;
  return dflt;
}
