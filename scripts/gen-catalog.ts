// Writes packages/lint/src/catalog/data/*.generated.ts from the reference TSV files, so that a clone of lhconf
// carries the directive catalogue as its own typed data. Usage: node --import tsx scripts/gen-catalog.ts [referenceDir]
// The output depends only on the TSV text: re-running on the same input gives identical files.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_REFERENCE_DIR = resolve(REPO_ROOT, '../shared/reference');
export const OUTPUT_DIR = join(REPO_ROOT, 'packages/lint/src/catalog/data');

type Row = Record<string, string>;
type Value = string | number | boolean | readonly Value[] | { readonly [key: string]: Value | undefined } | undefined;

/** A TSV with a header line; every row must have exactly the header's columns. */
export function readTsv(file: string): Row[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const columns = header!.split('\t');
  return lines.map((line, i) => {
    const cells = line.split('\t');
    if (cells.length !== columns.length) {
      throw new Error(`${file}:${i + 2}: ${cells.length} columns, header has ${columns.length}`);
    }
    return Object.fromEntries(columns.map((column, c) => [column, cells[c]!.trim()]));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading the prose of the note columns. Each reader recognises one written pattern and returns nothing otherwise:
// a note that does not follow the pattern keeps its meaning in `description` and never yields a wrong list.

/** Splits at `separator` outside parentheses and quotes. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + separator.length;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((part) => part !== '');
}

const clausesOf = (note: string): string[] => splitTopLevel(note, ';');
const withoutParens = (text: string): string => text.replace(/\s*\([^()]*\)/g, '').trim();
const unquote = (text: string): string => text.replace(/^"(.*)"$/, '$1');
const isWord = (text: string): boolean => /^[A-Za-z0-9_.-]+$/.test(text);

/** The `[core]` / `[builtin]` / `[loadable]` tag repeats the module table; the description goes without it. */
const descriptionOf = (note: string): string => note.replace(/\s*\[(core|builtin|loadable)\]$/, '');

interface Enumeration { values: string[]; defaultValue?: string }

/**
 * `one of: a, b/c (x), d`, `values: a, b`, or a bare list that marks its default: `a (default, alias "x"), b`,
 * `"a" (default) or "b"`. `b/c` are two spellings; `alias "x"` adds x.
 */
function enumerationOf(note: string, type: string): Enumeration | undefined {
  if (type !== 'string' && type !== 'array-of-strings') return undefined;
  for (const clause of clausesOf(note)) {
    const prefixed = /^(?:one of:?|values:)\s+(.*)$/.exec(clause);
    const list = prefixed?.[1] ?? (/\(default\b/.test(clause) ? clause : undefined);
    if (list === undefined) continue;
    const result: Enumeration = { values: [] };
    for (const item of splitTopLevel(list, ',').flatMap((part) => splitTopLevel(part, ' or '))) {
      const spellings = unquote(withoutParens(item)).split('/');
      if (!spellings.every(isWord)) return undefined;
      result.values.push(...spellings);
      for (const alias of item.matchAll(/alias "([^"]+)"/g)) result.values.push(alias[1]!);
      if (/\(default\b/.test(item)) result.defaultValue = spellings[0];
    }
    return result;
  }
  return undefined;
}

/** `keys: a, b (x), c; …`, or the keyed fields of a `( "k" => …, optional "m", "n"/"o" )` sketch (not an `e.g.`). */
function subKeysOf(note: string): string[] | undefined {
  for (const clause of clausesOf(note)) {
    const m = /^keys:\s+(.*)$/.exec(clause);
    if (m) return splitTopLevel(m[1]!, ',').map(withoutParens);
  }
  const sketch = /(?<!e\.g\. )\(\s+(".*)\)/.exec(note);
  if (!sketch) return undefined;
  const keys: string[] = [];
  for (const item of splitTopLevel(sketch[1]!, ',').map((part) => part.replace(/^optional\s+/, ''))) {
    const keyed = /^"([^"]+)"\s*=>/.exec(item);
    if (keyed) keys.push(keyed[1]!);
    else if (/^"[^"]+"(\/"[^"]+")*$/.test(item)) keys.push(...item.split('/').map(unquote));
  }
  return keys.length > 0 ? keys : undefined;
}

/** `default enable`, `…, default 8192`, `default "text/html"`, `(default "memberUid")`: one value, nothing more. */
function defaultOf(note: string, type: string): string | number | undefined {
  const shapes: Record<string, RegExp> = {
    boolean: /^(enable|disable)$/,
    short: /^(-?\d+)$/,
    int: /^(-?\d+)$/,
    string: /^"([^"]*)"$/,
  };
  const shape = shapes[type];
  if (!shape) return undefined;
  for (const clause of clausesOf(note)) {
    const m = /(?:^|, )default (\S+)(?: \([^)]*\)| = .*)?$/.exec(clause) ?? /\(default ("[^"]*")\)$/.exec(clause);
    const value = m && shape.exec(m[1]!)?.[1];
    if (value === undefined || value === null) continue;
    return type === 'short' || type === 'int' ? Number(value) : value;
  }
  return undefined;
}

/** `removed in 1.4.41`, `last present 1.4.45` (→ 1.4.46), `up to 1.4.9` (→ 1.4.10). */
function removedInOf(note: string): string | undefined {
  const direct = /removed in (1\.4\.\d+)/.exec(note);
  if (direct) return direct[1];
  const last = /(?:last present(?: in)?|up to) 1\.4\.(\d+)/.exec(note);
  return last ? `1.4.${Number(last[1]) + 1}` : undefined;
}

/** `<=1.4.1` means "present in the oldest release examined"; lhconf compares releases, so it is 1.4.1. */
function versionOf(since: string, where: string): string {
  const v = since.replace(/^<=/, '');
  if (!/^1\.4\.\d+$/.test(v)) throw new Error(`${where}: not a 1.4 version: "${since}"`);
  return v;
}

const optional = (cell: string | undefined): string | undefined => (cell === undefined || cell === '' || cell === '-' ? undefined : cell);

// ---------------------------------------------------------------------------------------------------------------
// The tables.

/** What the `build_debian_1.4.69` column says, as a closed vocabulary (an unknown wording fails generation). */
const debianBuilds: Record<string, string> = {
  'builtin': 'builtin',
  'builtin (in /usr/sbin/lighttpd)': 'builtin',
  'builtin code in 1.4.69 (no module)': 'builtin',
  'loadable': 'loadable',
  'not in base package': 'separate-package',
  'not built (test module)': 'not-built',
  'not built (template)': 'not-built',
  'not available (newer than 1.4.69)': 'unavailable',
  '-': 'absent',
};

function moduleRecords(rows: Row[]) {
  return rows.map((r) => {
    const where = `modules.tsv ${r.module}`;
    const debianBuild = debianBuilds[r['build_debian_1.4.69']!];
    if (!debianBuild) throw new Error(`${where}: unknown build_debian_1.4.69 "${r['build_debian_1.4.69']}"`);
    const ordering = optional(r.ordering);
    const roles = [
      ...(ordering && /^TLS module/.test(ordering) ? ['tls'] : []),
      ...(ordering && /^dynamic backend/.test(ordering) ? ['dynamic-backend'] : []),
    ];
    return {
      name: r.module,
      debianBuild,
      debianBuildNote: optional(r['build_debian_1.4.69'] === debianBuild ? undefined : r['build_debian_1.4.69']),
      debianPackage: optional(r.debian_package),
      since: versionOf(r.since!, where),
      status: r.status,
      removedIn: optional(r.removed_in),
      replacement: optional(r.replacement),
      autoLoad: optional(r.auto_load),
      ordering,
      requires: ordering && /^needs (mod_\w+)$/.exec(ordering)?.[1],
      roles,
      note: optional(r.note),
    };
  });
}

function directiveRecords(rows: Row[], tlsModules: string[]) {
  return rows.map((r) => {
    const where = `directives.tsv ${r.key}`;
    const note = descriptionOf(r.note!);
    const type = r.type!;
    const status = r.status!;
    const enumeration = enumerationOf(note, type);
    const removedIn = removedInOf(note);
    if (status === 'removed' && !removedIn) throw new Error(`${where}: removed, but the note says not when`);
    // `TLS: all TLS modules` / `TLS: also mod_x mod_y; not in …`: every TLS module that declares the key.
    const tlsAlso = /TLS: also ([\w ]+?)(?:;|$)/.exec(note)?.[1]?.split(' ');
    const modules = /TLS: all TLS modules/.test(note) ? tlsModules : tlsAlso ? [r.module!, ...tlsAlso] : undefined;
    const backend = /\(\s*backend options\s*\)/.test(note) ? r.key!.split('.')[0] : undefined;
    return {
      key: r.key,
      module: r.module,
      modules,
      type,
      scope: r.scope,
      since: versionOf(r.since!, where),
      status,
      removedIn,
      replacement: optional(r.replacement),
      allowedValues: enumeration?.values,
      subKeys: subKeysOf(note),
      subKeysFrom: /feature-flags\.tsv/.test(note) ? 'feature-flags' : undefined,
      backend,
      defaultValue: enumeration?.defaultValue ?? defaultOf(note, type),
      isPattern: r.key!.endsWith('.*') ? true : undefined,
      description: note,
    };
  });
}

function conditionRecords(rows: Row[]) {
  const fields: Record<string, Value>[] = [];
  const operators: Record<string, Value>[] = [];
  const forms: Record<string, Value>[] = [];
  for (const r of rows) {
    const where = `conditions.tsv ${r.condition}`;
    const field = /^\$(\w+)\["([^"]+)"\]$/.exec(r.condition!);
    const operator = /^operator (\S+)$/.exec(r.condition!);
    const supported = /^(<=)?1\.4\.\d+$/.test(r.since!);
    const common = {
      internal: optional(r.internal_comp),
      since: supported ? versionOf(r.since!, where) : undefined,
      note: optional(r.note),
    };
    if (operator) {
      operators.push({ operator: operator[1], ...common, valueFormat: optional(r.value_format), meaning: r.compared_against });
    } else if (field && supported) {
      fields.push({
        object: field[1],
        field: field[2],
        ...common,
        operators: r.operators!.split(' '),
        aliasOf: /^alias of \$\w+\["([^"]+)"\]/.exec(r.note!)?.[1],
        whereAllowed: r.where_allowed,
        valueFormat: r.value_format,
        comparedAgainst: r.compared_against,
      });
    } else {
      forms.push({
        form: r.condition,
        ...common,
        supported,
        operators: optional(r.operators),
        whereAllowed: optional(r.where_allowed),
        valueFormat: optional(r.value_format),
        meaning: optional(r.compared_against),
      });
    }
  }
  return { fields, operators, forms };
}

function backendOptionRecords(rows: Row[], backends: string[]) {
  return rows.map((r) => {
    const where = `backend-options.tsv ${r.option}`;
    // `fastcgi scgi (spawned backends)`, `all gw backends (generic …)`: the names, then why in parentheses.
    const m = /^([^(]*?)\s*(?:\((.*)\))?$/.exec(r.backends!)!;
    const named = m[1] === 'all gw backends' ? backends : m[1]!.split(' ');
    for (const name of named) if (!backends.includes(name)) throw new Error(`${where}: unknown backend "${name}"`);
    const note = optional(r.note);
    const status = r.status!;
    const removedIn = status === 'removed' ? removedInOf(note ?? '') : undefined;
    if (status === 'removed' && !removedIn) throw new Error(`${where}: removed, but the note says not when`);
    // A removed option's note starts with its replacement; a deprecated one says `older name of x`.
    const firstClause = note ? clausesOf(note)[0] : undefined;
    const replacement =
      status === 'removed' && firstClause && isWord(firstClause) ? firstClause : note && /^older name of ([\w.-]+)/.exec(note)?.[1];
    return {
      name: r.option,
      type: r.type,
      backends: named,
      backendsNote: m[2],
      defaultValue: optional(r.default),
      constraints: optional(r.constraints),
      since: versionOf(r.since!, where),
      status,
      removedIn,
      replacement: replacement || undefined,
      note,
    };
  });
}

function featureFlagRecords(rows: Row[]) {
  return rows.map((r) => ({
    name: r.flag,
    type: r.type,
    defaultValue: r.default,
    inDebian1469: r['in_1.4.69'] === 'yes',
    since: versionOf(r.since!, `feature-flags.tsv ${r.flag}`),
    usedBy: r.used_by,
    note: optional(r.note),
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Printing: one record a line, keys in a fixed order, empty fields left out.

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function print(value: Value): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(print).join(', ')}]`;
  const entries = Object.entries(value as Record<string, Value>).filter(([, v]) => v !== undefined);
  return `{ ${entries.map(([k, v]) => `${/^\w+$/.test(k) ? k : quote(k)}: ${print(v)}`).join(', ')} }`;
}

const printTable = (name: string, type: string, records: readonly Value[]): string =>
  `export const ${name} = [\n${records.map((r) => `  ${print(r)},\n`).join('')}] satisfies readonly ${type}[];\n`;

const printUnion = (name: string, doc: string, members: readonly string[]): string =>
  `/** ${doc} */\nexport type ${name} =\n${members.map((m) => `  | ${quote(m)}`).join('\n')};\n`;

const header = (inputs: string[]): string =>
  `// Generated by scripts/gen-catalog.ts from ${inputs.join(', ')} (lighttpd reference data). Do not edit:\n` +
  `// change the TSV and run \`node --import tsx scripts/gen-catalog.ts [referenceDir]\`.\n`;

/** The generated files, by file name. Pure: reads the reference directory, writes nothing. */
export function renderCatalog(referenceDir: string): Map<string, string> {
  const read = (name: string) => readTsv(join(referenceDir, name));
  const directiveRows = read('directives.tsv');
  const moduleRows = read('modules.tsv');
  const modules = moduleRecords(moduleRows);
  const tlsModules = modules.filter((m) => m.roles.includes('tls')).map((m) => m.name!);
  // The gateway backends are the modules whose `<name>.server` takes `( backend options )`.
  const backends = directiveRows
    .filter((r) => /^\w+\.server$/.test(r.key!) && /\(\s*backend options\s*\)/.test(r.note!))
    .map((r) => r.key!.split('.')[0]!);
  const conditions = conditionRecords(read('conditions.tsv'));

  return new Map([
    [
      'modules.generated.ts',
      `${header(['modules.tsv'])}import type { ModuleInfo } from '../modules.js';\n\n` +
        printUnion('TsvModuleName', 'Every module named in modules.tsv.', modules.map((m) => m.name!)) +
        '\n' +
        printTable('moduleTable', 'ModuleInfo', modules),
    ],
    [
      'directives.generated.ts',
      `${header(['directives.tsv', 'modules.tsv'])}import type { DirectiveInfo } from '../directives.js';\n\n` +
        printTable('directiveTable', 'DirectiveInfo', directiveRecords(directiveRows, tlsModules)),
    ],
    [
      'conditions.generated.ts',
      `${header(['conditions.tsv'])}import type { ConditionField, ConditionForm, MatchOperatorInfo } from '../conditions.js';\n\n` +
        printUnion('MatchOperator', 'The operators of a condition, as conditions.tsv lists them.', conditions.operators.map((o) => o.operator as string)) +
        '\n' +
        printUnion('ConditionObject', 'The `$OBJECT` of a condition that has fields.', [...new Set(conditions.fields.map((f) => f.object as string))]) +
        '\n' +
        printTable('matchOperatorTable', 'MatchOperatorInfo', conditions.operators) +
        '\n' +
        printTable('conditionFieldTable', 'ConditionField', conditions.fields) +
        '\n' +
        printTable('conditionFormTable', 'ConditionForm', conditions.forms),
    ],
    [
      'backend-options.generated.ts',
      `${header(['backend-options.tsv', 'directives.tsv'])}import type { BackendOption } from '../backend-options.js';\n\n` +
        `/** The gateway modules whose \`<name>.server\` holds backend hosts (directives.tsv). */\n` +
        `export const backendNames = ${print(backends)} as const;\n\n` +
        printTable('backendOptionTable', 'BackendOption', backendOptionRecords(read('backend-options.tsv'), backends)),
    ],
    [
      'feature-flags.generated.ts',
      `${header(['feature-flags.tsv'])}import type { FeatureFlag } from '../feature-flags.js';\n\n` +
        printTable('featureFlagTable', 'FeatureFlag', featureFlagRecords(read('feature-flags.tsv'))),
    ],
  ]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const referenceDir = resolve(process.argv[2] ?? DEFAULT_REFERENCE_DIR);
  mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const [name, text] of renderCatalog(referenceDir)) writeFileSync(join(OUTPUT_DIR, name), text);
  console.log(`wrote ${OUTPUT_DIR}/*.generated.ts from ${referenceDir}`);
}
