import type { ConfigContext, EvaluatedCondition } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';

/** A literal condition on one request value: `==`, `!=`, `=^` or `=$` after lighttpd's regex simplification. */
interface Literal { subject: string; op: '==' | '!=' | '=^' | '=$'; value: string }

// The $HTTP fields that are request headers (conditions.tsv), so `$HTTP["useragent"]` and
// `$REQUEST_HEADER["User-Agent"]` compare the same value.
const HEADER_ALIASES: Record<string, string> = {
  useragent: 'user-agent', 'user-agent': 'user-agent', referer: 'referer', cookie: 'cookie', language: 'accept-language',
};
const FIELD_ALIASES: Record<string, string> = { querystring: 'query-string', 'query-string': 'query-string' };

function literalOf(c: EvaluatedCondition | null): Literal | undefined {
  if (!c || !['==', '!=', '=^', '=$'].includes(c.operator)) return undefined;
  let subject: string;
  if (c.object === 'REQUEST_HEADER') subject = `header:${c.field.toLowerCase()}`;
  else if (c.object !== 'HTTP') return undefined;
  // Hosts compare with port tolerance and remote-ip with CIDR masks: plain string logic would be wrong.
  else if (c.field === 'host' || c.field === 'remoteip' || c.field === 'remote-ip') return undefined;
  else subject = HEADER_ALIASES[c.field] ? `header:${HEADER_ALIASES[c.field]}` : FIELD_ALIASES[c.field] ?? c.field;
  return { subject, op: c.operator as Literal['op'], value: c.value };
}

/** Whether some string satisfies both (a block nested in another needs both). */
function compatible(a: Literal, b: Literal): boolean {
  const eq = (x: Literal, y: Literal): boolean | undefined => {
    if (x.op !== '==') return undefined;
    if (y.op === '==') return x.value === y.value;
    if (y.op === '!=') return x.value !== y.value;
    if (y.op === '=^') return x.value.startsWith(y.value);
    return x.value.endsWith(y.value);
  };
  const r = eq(a, b) ?? eq(b, a);
  if (r !== undefined) return r;
  if (a.op === '=^' && b.op === '=^') return a.value.startsWith(b.value) || b.value.startsWith(a.value);
  if (a.op === '=$' && b.op === '=$') return a.value.endsWith(b.value) || b.value.endsWith(a.value);
  return true;
}

/** Whether every string satisfying `b` satisfies `a` (then `b` after `a` in an else chain is never taken). */
function implies(b: Literal, a: Literal): boolean {
  if (b.op === '==') {
    if (a.op === '==') return a.value === b.value;
    if (a.op === '!=') return a.value !== b.value;
    return a.op === '=^' ? b.value.startsWith(a.value) : b.value.endsWith(a.value);
  }
  if (b.op === '=^' && a.op === '=^') return b.value.startsWith(a.value);
  if (b.op === '=$' && a.op === '=$') return b.value.endsWith(a.value);
  if (a.op === '!=') return b.op === '=^' ? !a.value.startsWith(b.value) : b.op === '=$' ? !a.value.endsWith(b.value) : false;
  return false;
}

function describeBlock(ctx: ConfigContext): string {
  return `${ctx.text} (line ${ctx.branches[0]?.range.start.line ?? '?'})`;
}

export default defineRule({
  id: 'no-unreachable-condition',
  description: 'Disallow condition blocks no request can enter: excluded by an enclosing condition or taken by an earlier else branch',
  severity: 'warning',
  needs: 'evaluated',
  messages: {
    excludedByParent: 'This block can never match: it is inside {outer}, and no request satisfies both.',
    takenByEarlier: 'This branch is never taken: every request it matches already matches the earlier branch {earlier}.',
  },
  create(ctx) {
    return {
      'Document:exit'(node) {
        const ev = ctx.settings;
        if (!ev) return;
        for (const block of ev.contexts) {
          const mine = literalOf(block.condition);
          if (!mine) continue;
          const here = block.branches.filter((b) => b.range.file === node.file && b.condition);
          if (here.length === 0) continue;
          let found: { messageId: 'excludedByParent' | 'takenByEarlier'; data: Record<string, string> } | undefined;
          for (let p = block.parent; p && p.index !== 0 && !found; p = p.parent) {
            const outer = literalOf(p.condition);
            if (outer && outer.subject === mine.subject && !compatible(outer, mine)) found = { messageId: 'excludedByParent', data: { outer: describeBlock(p) } };
          }
          // Textually equal else branches are lighttpd's own fatal error (no-unreachable-else reports them).
          for (let prev = block.prev; prev && !found; prev = prev.prev) {
            const earlier = literalOf(prev.condition);
            if (earlier && earlier.subject === mine.subject && prev.text !== block.text && implies(mine, earlier)) {
              found = { messageId: 'takenByEarlier', data: { earlier: describeBlock(prev) } };
            }
          }
          if (!found) continue;
          for (const branch of here) ctx.report({ node: branch.condition!, messageId: found.messageId, data: found.data });
        }
      },
    };
  },
});
