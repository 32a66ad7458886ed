import { isAtLeast, type Assignment, type StringLiteral, type Value } from '@lhconf/parser';
import {
  COMPAT_MODULE_LOAD_SINCE,
  compatModuleLoads,
  modulesWithRole,
  type CompatModuleLoad,
  type CompatTrigger,
} from '../catalog/index.js';
import type { EvaluatedConfig } from '../evaluated.js';
import { canonicalKey, constantValue, isInCondition, type ParentOf } from './ast.js';

/** How a module got into lighttpd's module list: written in server.modules, or added by compat-module-load. */
export type ModuleSource = { how: 'listed' } | { how: 'added'; load: CompatModuleLoad };

// config_plugin_value_to_bool (configfile-glue.c:71-93).
function isEnabled(value: Value): boolean {
  if (value.kind === 'integer') return value.value !== 0;
  return value.kind === 'string' && ['enable', 'enabled', 'true', '1'].includes(value.value.toLowerCase());
}

function isNonEmpty(value: Value): boolean {
  return value.kind === 'array' ? value.elements.length > 0 : value.kind === 'string' ? value.value !== '' : true;
}

/** The module names of the global server.modules, as the evaluator computed them (includes, `+=`, variables). */
export function listedModules(config: EvaluatedConfig): string[] {
  const value = config.root.settings.get('server.modules')?.value;
  if (value?.kind !== 'array') return [];
  return value.elements.flatMap((e) => (e.value.kind === 'string' ? [e.value.value] : []));
}

/**
 * Every module lighttpd loads for this config at release `target`: server.modules plus what compat-module-load
 * adds (catalog/module-loading.ts). Modules a removed name is rewritten to (mod_compress) count as added.
 */
export function loadedModules(config: EvaluatedConfig, target: string): Map<string, ModuleSource> {
  const listed = listedModules(config);
  const out = new Map<string, ModuleSource>(listed.map((name) => [name, { how: 'listed' }]));
  const compat = config.root.settings.get('server.compat-module-load')?.value;
  const compatOff = isAtLeast(target, COMPAT_MODULE_LOAD_SINCE) && compat !== undefined && !isEnabled(compat);
  // Every value set anywhere, by lower-cased key: a big config sets thousands, under a few dozen keys.
  const valuesByKey = new Map<string, Value[]>();
  for (const context of config.contexts) {
    for (const setting of context.settings.values()) {
      const key = setting.key.toLowerCase();
      const values = valuesByKey.get(key);
      if (values) values.push(setting.value);
      else valuesByKey.set(key, [setting.value]);
    }
  }
  const anyValue = (keys: readonly string[], test: (value: Value) => boolean) => keys.some((key) => valuesByKey.get(key)?.some(test) ?? false);
  const tls = new Set(modulesWithRole('tls', target).map((m) => m.name));
  const fires = (trigger: CompatTrigger): boolean => {
    switch (trigger.kind) {
      case 'always':
        return true;
      case 'keySet':
        return anyValue(trigger.keys, isNonEmpty);
      case 'keyEnabled':
        return anyValue(trigger.keys, isEnabled);
      case 'keyPrefix':
        return !listed.some((m) => tls.has(m as never)) && [...valuesByKey.keys()].some((key) => key.startsWith(trigger.prefix));
      case 'backend':
        return listed.includes(trigger.withModule) && anyValue([trigger.key], (v) => v.kind === 'string' && trigger.values.includes(v.value));
      case 'moduleListed':
        return listed.some((m) => m.startsWith(trigger.prefix));
      case 'moduleReplaced':
        return listed.includes(trigger.from) && (isAtLeast(target, trigger.alwaysSince) || [...valuesByKey.keys()].some((key) => key.startsWith(trigger.keyPrefix)));
    }
  };
  for (const load of compatModuleLoads) {
    if (compatOff && load.trigger.kind !== 'moduleReplaced') continue;
    if (!out.has(load.module) && fires(load.trigger)) out.set(load.module, { how: 'added', load });
  }
  return out;
}

/** One name written in a global server.modules list. */
export interface ModuleEntry {
  name: string;
  node: StringLiteral;
}

/**
 * Follows the global server.modules assignments in reading order, as lighttpd builds the list: `=` and `:=`
 * start it over, `+=` appends (configparser.y). Assignments inside conditions are ignored (server scope), and
 * entries that are not plain strings are skipped (the evaluator knows those).
 */
export class ModuleListTracker {
  entries: ModuleEntry[] = [];

  /** Feeds one assignment; returns the entries it added, or undefined when it is not a global server.modules. */
  add(node: Assignment, parentOf: ParentOf): ModuleEntry[] | undefined {
    if (canonicalKey(node.key.name) !== 'server.modules' || isInCondition(node, parentOf)) return undefined;
    if (node.operator.value !== '+=') this.entries = [];
    const value = node.value;
    const added: ModuleEntry[] = [];
    const literals = value.type === 'ArrayLiteral' ? [value] : value.type === 'Concatenation' ? value.operands : [];
    for (const literal of literals) {
      if (literal.type !== 'ArrayLiteral') continue;
      for (const element of literal.elements) {
        if (element.key || element.value.type !== 'StringLiteral' || typeof constantValue(element.value) !== 'string') continue;
        added.push({ name: element.value.value, node: element.value });
      }
    }
    this.entries.push(...added);
    return added;
  }
}
