import type { BlockNode } from '@lhconf/parser';
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver';
import { conditionFields, directivesAt, getConditionField, getDirective, getMatchOperator, matchOperators, modules, isKnownModule, type DirectiveInfo } from './catalog.js';
import type { ServerContext } from './context.js';
import { describeCondition, describeDirective, describeModule } from './hover.js';
import { blockAt, variablesBefore } from './node-at.js';
import { offsetAt } from './positions.js';

// Completion looks at the text before the cursor on its line: what is being typed is an unfinished statement
// that the parser cannot turn into a node yet. The parsed document still gives the scope and the variables.

/** `$HTTP["ho` */
const CONDITION_FIELD = /\$([A-Z_]+)\[\s*"([^"]*)$/;
/** `$HT` */
const CONDITION_OBJECT = /\$([A-Z_]*)$/;
/** `$HTTP["host"] =` */
const CONDITION_OPERATOR = /\$([A-Z_]+)\[\s*"([^"]*)"\s*\]\s*([=!~^$]{0,2})$/;
/** `server.modules += ( "mod_a", "mod_` */
const MODULE_ELEMENT = /(?:^|[(,])\s*("?)([\w-]*)$/;
/** `dir-listing.activate = "en` or `= ( "a", "` */
const VALUE = /^\s*([A-Za-z0-9_.-]+)\s*(?:=|:=|\+=)\s*(?:\(\s*(?:"[^"]*"\s*,\s*)*)?("?)([\w./+-]*)$/;
/** `var.ba` after an operator, in a value */
const VARIABLE = /(?:=|\+|\(|,|=>)\s*(var\.[\w.-]*)$/;
/** `server.po` at the start of a statement */
const KEY = /^\s*(?:(?:else\s+)?\}?\s*)?([A-Za-z0-9_.-]*)$/;

const KEYWORDS = ['include', 'include_shell', 'global', 'else'];

type Scope = DirectiveInfo['scope'];

/** The scopes a statement in `block` may use: the global scope takes everything, `$SERVER["socket"]` socket keys too. */
function allowedScopes(block: BlockNode): ReadonlySet<Scope> {
  if (block.type === 'Document' || block.type === 'GlobalBlock') return new Set<Scope>(['any', 'server', 'socket']);
  const c = block.condition;
  const isSocket = c?.object.name === 'SERVER' && c.field.type === 'StringLiteral' && c.field.value === 'socket';
  return new Set<Scope>(isSocket ? ['any', 'socket'] : ['any']);
}

function markdown(value: string | undefined) {
  return value === undefined ? undefined : { kind: MarkupKind.Markdown, value };
}

/** textDocument/completion. */
export async function complete(ctx: ServerContext, params: CompletionParams): Promise<CompletionItem[]> {
  const found = await ctx.parsed(params.textDocument.uri);
  if (!found) return [];
  const { parsed } = found;
  const target = parsed.targetVersion;
  const offset = offsetAt(parsed.lines, params.position);
  const lineStart = parsed.lines.lineStarts[params.position.line] ?? offset;
  const prefix = parsed.text.slice(lineStart, offset);
  const replacing = (typed: string): Range => ({ start: { line: params.position.line, character: params.position.character - typed.length }, end: params.position });
  const item = (label: string, typed: string, rest: Omit<CompletionItem, 'label' | 'textEdit'>, insert = label): CompletionItem => ({
    label,
    textEdit: { range: replacing(typed), newText: insert },
    ...rest,
  });

  let m = CONDITION_OPERATOR.exec(prefix);
  if (m) {
    const field = getConditionField(m[1]!, m[2]!, target);
    const typed = m[3]!;
    return matchOperators
      .filter((o) => getMatchOperator(o.operator, target) && (!field || field.operators.includes(o.operator)))
      .map((o, i) => item(o.operator, typed, { kind: CompletionItemKind.Operator, detail: o.meaning, sortText: String(i).padStart(2, '0') }, `${o.operator} `));
  }
  m = CONDITION_FIELD.exec(prefix);
  if (m) {
    const object = m[1]!;
    const typed = m[2]!;
    const closed = parsed.text.slice(offset).match(/^[^"\n]*"/) !== null;
    return conditionFields
      .filter((f) => f.object === object && f.field !== '<name>' && getConditionField(object, f.field, target))
      .map((f) =>
        item(f.field, typed, { kind: CompletionItemKind.Field, detail: f.comparedAgainst, documentation: markdown(describeCondition(object, f.field, target)) }, closed ? f.field : `${f.field}"]`),
      );
  }
  m = CONDITION_OBJECT.exec(prefix);
  if (m) {
    const objects = [...new Set(conditionFields.map((f) => f.object))];
    return objects.map((o) => item(o, m![1]!, { kind: CompletionItemKind.Class, detail: `$${o}[…]` }));
  }

  const before = parsed.text.slice(Math.max(0, offset - 20_000), offset);
  const modulesAt = before.toLowerCase().lastIndexOf('server.modules');
  const inModules = modulesAt >= 0 && /^[\s\S]*?(?:=|\+=|:=)\s*\(/.test(before.slice(modulesAt)) && !before.slice(modulesAt).includes(')');
  m = inModules ? MODULE_ELEMENT.exec(prefix) : null;
  if (m) {
    const quoted = m[1] === '"';
    const listed = new Set([...before.slice(modulesAt).matchAll(/"([^"]+)"/g)].map((x) => x[1]));
    return modules
      .filter((mod) => mod.name !== 'core' && isKnownModule(mod.name, target) && !listed.has(mod.name))
      .map((mod) => item(mod.name, m![2]!, { kind: CompletionItemKind.Module, detail: mod.note, documentation: markdown(describeModule(mod.name, target)) }, quoted ? mod.name : `"${mod.name}"`));
  }

  m = VARIABLE.exec(prefix);
  if (m) {
    const typed = m[1]!;
    return [...variablesBefore(parsed.ast, lineStart)].map(([name, assignment]) =>
      item(name, typed, {
        kind: CompletionItemKind.Variable,
        detail: parsed.text.slice(assignment.value.range.start.offset, Math.min(assignment.value.range.end.offset, assignment.value.range.start.offset + 80)),
      }),
    );
  }

  m = VALUE.exec(prefix);
  if (m) {
    const d = getDirective(m[1]!, target);
    const values = d?.allowedValues ?? (d?.type === 'boolean' ? ['enable', 'disable'] : []);
    const quoted = m[2] === '"';
    const closed = quoted && parsed.text.slice(offset).startsWith('"');
    return values.map((v) => item(v, `${m![2]}${m![3]}`, { kind: CompletionItemKind.EnumMember, detail: d?.key }, closed ? `"${v}` : `"${v}"`));
  }

  m = KEY.exec(prefix);
  if (!m) return [];
  const typed = m[1]!;
  const scopes = allowedScopes(blockAt(parsed.ast, offset));
  const keys = directivesAt(target)
    .filter((d) => !d.isPattern && scopes.has(d.scope))
    .map((d) =>
      item(d.key, typed, {
        kind: CompletionItemKind.Property,
        detail: `${d.module} · ${d.type}`,
        labelDetails: { description: d.module },
        documentation: markdown(describeDirective(d, target)),
        ...(d.status !== 'current' && { tags: [CompletionItemTag.Deprecated] }),
      }),
    );
  const variables = [...variablesBefore(parsed.ast, lineStart).keys()].map((name) => item(name, typed, { kind: CompletionItemKind.Variable }));
  const keywords = KEYWORDS.map((k) =>
    item(k, typed, { kind: CompletionItemKind.Keyword, insertTextFormat: InsertTextFormat.PlainText }),
  );
  return [...keys, ...variables, ...keywords];
}
