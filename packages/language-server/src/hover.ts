import type { Condition, Node } from '@lhconf/parser';
import { MarkupKind, type Hover, type HoverParams } from 'vscode-languageserver';
import { directivesForModule, getConditionField, getDirective, getMatchOperator, getModule, type DirectiveInfo } from './catalog.js';
import type { ServerContext } from './context.js';
import { findDefinition, nodesAt, referencedKey } from './node-at.js';
import { offsetAt, toLspRange } from './positions.js';

/** lighttpd's own page listing every directive. */
export const LIGHTTPD_OPTIONS_URL = 'https://redmine.lighttpd.net/projects/lighttpd/wiki/Docs_ConfigurationOptions';

const scopeText = {
  any: 'any block',
  server: 'global scope only (ignored inside a condition)',
  socket: 'global scope or `$SERVER["socket"]` blocks',
  'n/a': 'nowhere: lighttpd refuses the key',
} as const satisfies Record<DirectiveInfo['scope'], string>;

/** The markdown shown for a directive; completion shows the same text. */
export function describeDirective(d: DirectiveInfo, targetVersion: string): string {
  const modules = d.modules && d.modules.length > 1 ? d.modules.join(', ') : d.module;
  const lines = [`**${d.key}** · \`${d.type}\` · module \`${modules}\``, '', d.description, ''];
  lines.push(`- scope: ${scopeText[d.scope]}`);
  if (d.allowedValues?.length) lines.push(`- allowed values: ${d.allowedValues.map((v) => `\`${v}\``).join(', ')}`);
  if (d.subKeys?.length) lines.push(`- keys: ${d.subKeys.map((v) => `\`${v}\``).join(', ')}`);
  if (d.defaultValue !== undefined) lines.push(`- default: \`${d.defaultValue}\``);
  const status =
    d.status === 'current' ? '' : d.status === 'removed' ? ` · removed in ${d.removedIn ?? 'a later release'}` : ` · ${d.status}`;
  lines.push(`- since lighttpd ${d.since}${status}${d.replacement ? ` · use \`${d.replacement}\` instead` : ''} (target ${targetVersion})`);
  lines.push('', `[lighttpd configuration options](${LIGHTTPD_OPTIONS_URL})`);
  return lines.join('\n');
}

/** The markdown shown for a module name in server.modules. */
export function describeModule(name: string, targetVersion: string): string | undefined {
  const m = getModule(name, targetVersion);
  if (!m) return undefined;
  const lines = [`**${m.name}** · since lighttpd ${m.since}${m.status === 'removed' ? ` · removed in ${m.removedIn}` : ''}`, ''];
  if (m.replacement) lines.push(`Use \`${m.replacement}\` instead.`, '');
  if (m.note) lines.push(m.note, '');
  if (m.requires) lines.push(`- needs \`${m.requires}\` loaded`);
  if (m.ordering) lines.push(`- order: ${m.ordering}`);
  if (m.autoLoad) lines.push(`- loaded by lighttpd itself: ${m.autoLoad}`);
  lines.push(`- Debian 12 (1.4.69): ${m.debianBuildNote ?? m.debianBuild}${m.debianPackage ? ` (package \`${m.debianPackage}\`)` : ''}`);
  const provides = directivesForModule(name, targetVersion).map((d) => `\`${d.key}\``);
  lines.push('', provides.length > 0 ? `Provides: ${provides.join(', ')}` : 'Provides no directives of its own.');
  return lines.join('\n');
}

/** The markdown shown for a condition `$OBJECT["field"]`. */
export function describeCondition(object: string, field: string, targetVersion: string): string | undefined {
  const f = getConditionField(object, field, targetVersion);
  if (!f) return undefined;
  const operators = f.operators.map((op) => {
    const info = getMatchOperator(op, targetVersion);
    return info ? `- \`${op}\` ${info.meaning}${info.valueFormat ? ` (${info.valueFormat})` : ''}` : `- \`${op}\` (not in lighttpd ${targetVersion})`;
  });
  return [
    `**$${object}["${field}"]** · since lighttpd ${f.since}${f.aliasOf ? ` · another spelling of "${f.aliasOf}"` : ''}`,
    '',
    `Compared against: ${f.comparedAgainst}.`,
    '',
    `- value: ${f.valueFormat}`,
    `- where: ${f.whereAllowed}`,
    ...(f.note ? [`- note: ${f.note}`] : []),
    '',
    'Operators:',
    ...operators,
  ].join('\n');
}

function describeOperator(operator: string, targetVersion: string): string | undefined {
  const info = getMatchOperator(operator, targetVersion);
  if (!info) return undefined;
  return [`**${info.operator}** · since lighttpd ${info.since}`, '', info.meaning, ...(info.valueFormat ? ['', `Value: ${info.valueFormat}.`] : []), ...(info.note ? ['', info.note] : [])].join('\n');
}

function fieldName(condition: Condition): string | undefined {
  return condition.field.type === 'StringLiteral' ? condition.field.value : undefined;
}

/** The markdown for the innermost node that has something to say, with the node it describes. */
function describe(path: Node[], targetVersion: string, definitionOf: (key: string, at: number) => string | undefined): { node: Node; markdown: string } | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i]!;
    const parent = path[i - 1];
    if (node.type === 'Identifier' && parent?.type === 'Assignment' && parent.key === node) {
      const name = node.name;
      if (name.startsWith('var.') || name.startsWith('env.')) {
        const kind = name.startsWith('var.') ? 'user variable: lighttpd keeps it for `var.*` references and ignores it otherwise' : 'environment variable (read-only)';
        return { node, markdown: `**${name}** · ${kind}` };
      }
      const d = getDirective(name, targetVersion);
      return d ? { node, markdown: describeDirective(d, targetVersion) } : undefined;
    }
    if (node.type === 'StringLiteral') {
      const assignment = path.find((n) => n.type === 'Assignment');
      if (assignment?.type === 'Assignment' && assignment.key.name.toLowerCase() === 'server.modules' && parent?.type === 'ArrayElement') {
        const markdown = describeModule(node.value, targetVersion);
        if (markdown) return { node, markdown };
      }
    }
    if (node.type === 'Reference') {
      const key = referencedKey(node.name);
      const source = definitionOf(key, node.range.start.offset);
      if (key.startsWith('env.')) return { node, markdown: `**${key}** · read from lighttpd's environment when it starts` };
      return { node, markdown: source ? `**${key}**\n\n\`\`\`lighttpd\n${source}\n\`\`\`` : `**${key}** · not set before this line` };
    }
    if (node.type === 'Operator' && parent?.type === 'Condition') {
      const markdown = describeOperator(node.value, targetVersion);
      if (markdown) return { node, markdown };
    }
    if (node.type === 'Condition' || (parent?.type === 'Condition' && node !== parent.value)) {
      const condition = (node.type === 'Condition' ? node : parent) as Condition;
      const field = fieldName(condition);
      const markdown = field === undefined ? undefined : describeCondition(condition.object.name, field, targetVersion);
      if (markdown) return { node: condition, markdown };
    }
  }
  return undefined;
}

/** textDocument/hover: directives, module names in server.modules, condition fields and operators, variables. */
export async function hover(ctx: ServerContext, params: HoverParams): Promise<Hover | null> {
  const found = await ctx.parsed(params.textDocument.uri);
  if (!found) return null;
  const { parsed } = found;
  const offset = offsetAt(parsed.lines, params.position);
  const definitionOf = (key: string, at: number) => {
    const assignment = findDefinition(parsed.ast, key, at);
    return assignment && parsed.text.slice(assignment.range.start.offset, assignment.range.end.offset);
  };
  const hit = describe(nodesAt(parsed.ast, offset), parsed.targetVersion, definitionOf);
  return hit ? { contents: { kind: MarkupKind.Markdown, value: hit.markdown }, range: toLspRange(hit.node.range) } : null;
}
