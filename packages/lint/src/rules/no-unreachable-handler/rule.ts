import type { ArrayElement, Assignment, EvaluateResult } from '@lhconf/parser';
import { describeHandler, manifestFs, simulate, type SimulationResult } from '@lhconf/simulate';
import { defineRule } from '../../define-rule.js';
import { elementKey } from '../../util/value.js';

/** A handler entry (a backend or cgi.assign key, an alias prefix) and the module that must be loaded for it. */
const ENTRIES = {
  'fastcgi.server': { module: 'mod_fastcgi', kind: 'fastcgi' },
  'scgi.server': { module: 'mod_scgi', kind: 'scgi' },
  'proxy.server': { module: 'mod_proxy', kind: 'proxy' },
  'cgi.assign': { module: 'mod_cgi', kind: 'cgi' },
  'alias.url': { module: 'mod_alias', kind: 'alias' },
} as const satisfies Record<string, { module: string; kind: string }>;

type Directive = keyof typeof ENTRIES;

/** One probe: a request that would reach the entry if nothing else took it, and the files that make it exist. */
interface Probe { url: string; files: string[] }

function probesFor(directive: Directive, key: string, docRoot: string, target: string | undefined): Probe[] {
  const root = docRoot.replace(/\/+$/, '');
  if (directive === 'alias.url') {
    const rest = key.endsWith('/') ? 'lhconf-probe.txt' : '/lhconf-probe.txt';
    return [{ url: key + rest, files: [`${target ?? ''}${rest}`] }];
  }
  if (key.startsWith('/')) {
    const url = key.endsWith('/') ? `${key}lhconf-probe` : key;
    return [{ url, files: [root + url] }, { url: `${url}?lhconf=1`, files: [root + url] }];
  }
  return ['/lhconf-probe', '/lhconf-dir/lhconf-probe'].flatMap((base) => [
    { url: base + key, files: [root + base + key] },
    { url: `${base + key}?lhconf=1`, files: [root + base + key] },
  ]);
}

function reaches(directive: Directive, key: string, r: SimulationResult): boolean {
  if (directive === 'alias.url') return r.steps.some((s) => s.stage === 'alias' && s.message.startsWith(`alias.url "${key}"`));
  const h = r.outcome.handler;
  if (!h) return false;
  if (h.kind === 'cgi') return directive === 'cgi.assign' && h.extension === key;
  return 'key' in h && h.kind === ENTRIES[directive].kind && h.key === key;
}

/** What took the probe instead, for the message. */
function takenBy(r: SimulationResult): string {
  const rewrite = r.steps.find((s) => s.stage === 'rewrite' && s.message.includes(' becomes '));
  if (rewrite) return rewrite.message.replace(/: .* becomes /, ' rewrites it to ').replace(/ \(repeat.*$/, '');
  if (r.outcome.handler) return `${describeHandler(r.outcome.handler)} takes it first (${r.outcome.reason})`;
  return `lighttpd answers ${r.outcome.status} (${r.outcome.reason})`;
}

function modulesOf(ev: EvaluateResult): string[] {
  const v = ev.root.settings.get('server.modules')?.value;
  return v?.kind === 'array' ? v.elements.flatMap((e) => (e.value.kind === 'string' ? [e.value.value] : [])) : [];
}

export default defineRule({
  id: 'no-unreachable-handler',
  description: 'Disallow backend, cgi.assign and alias.url entries that no request can reach',
  severity: 'warning',
  needs: 'evaluated',
  messages: {
    unreachable: 'No request reaches {directive} "{key}": a request for {url} never gets there, because {why}.',
  },
  create(ctx) {
    const written: { directive: Directive; assignment: Assignment; element: ArrayElement; key: string }[] = [];
    return {
      Assignment(node) {
        const directive = node.key.name.toLowerCase() as Directive;
        // Only global entries: an entry inside a condition is reachable whenever its condition matches, which
        // one probe request cannot stand for.
        if (!(directive in ENTRIES) || node.parent?.type !== 'Document' || ctx.parentOf(node.parent)) return;
        if (node.value.type !== 'ArrayLiteral') return;
        for (const element of node.value.elements) {
          const key = elementKey(element);
          if (key !== undefined && element.key) written.push({ directive, assignment: node, element, key });
        }
      },
      'Document:exit'(node) {
        const ev = ctx.settings;
        if (!ev || node.file !== ctx.mainFile || ev.fatal) return;
        const docRoot = ev.root.settings.get('server.document-root')?.value;
        if (docRoot?.kind !== 'string') return;
        const modules = modulesOf(ev);
        for (const entry of written) {
          // Not loaded is no-module-not-loaded's report; this rule judges loaded handlers only.
          if (!modules.includes(ENTRIES[entry.directive].module)) continue;
          const effective = ev.root.settings.get(entry.directive)?.value;
          const target = effective?.kind === 'array' ? effective.elements.find((e) => e.key === entry.key)?.value : undefined;
          if (!target) continue;
          const results = probesFor(entry.directive, entry.key, docRoot.value, target.kind === 'string' ? target.value : undefined).map((p) =>
            simulate(ev, { url: p.url, host: 'lhconf.invalid' }, { fs: manifestFs(p.files) }),
          );
          // Never guess: a probe the simulation cannot follow exactly proves nothing.
          if (results.some((r) => r.inexact.length > 0 || reaches(entry.directive, entry.key, r))) continue;
          const first = results[0]!;
          // A prefix backend lost to a rewrite is no-unreachable-backend's report.
          if (entry.key.startsWith('/') && entry.directive !== 'alias.url' && first.steps.some((s) => s.stage === 'rewrite')) continue;
          ctx.report({
            node: entry.element.key!,
            messageId: 'unreachable',
            data: { directive: entry.directive, key: entry.key, url: probesFor(entry.directive, entry.key, docRoot.value, undefined)[0]!.url, why: takenBy(first) },
          });
        }
      },
    };
  },
});
