import type { ArrayElement, Assignment, Node, SourceRange } from '@lhconf/parser';
import type { RuleContext, Visitor } from '../define-rule.js';
import type { EvaluatedConfig } from '../evaluated.js';
import { canonicalKey } from './ast.js';
import { elementKey } from './value.js';

/** A list entry whose key starts with the key of an earlier entry, so a prefix match never reaches it. */
export interface ShadowedPrefix {
  late: ArrayElement;
  lateKey: string;
  early: ArrayElement;
  earlyKey: string;
}

const rangeKey = (range: SourceRange) => `${range.file}:${range.start.offset}`;

/**
 * Collects the assignments of one list directive while a rule walks the files, then finds, in every block's
 * effective value (the evaluator's: `+=` in a condition extends the enclosing block's list), the entries that an
 * earlier, shorter key shadows. lighttpd walks such lists in order and takes the first prefix that matches
 * (mod_alias, mod_auth), comparing case-sensitively.
 */
export class PrefixShadowFinder {
  private readonly assignments = new Map<string, Assignment>();

  constructor(private readonly key: string) {}

  add(node: Assignment): void {
    if (canonicalKey(node.key.name) === this.key) this.assignments.set(rangeKey(node.range), node);
  }

  find(config: EvaluatedConfig): ShadowedPrefix[] {
    const out: ShadowedPrefix[] = [];
    const seen = new Set<Node>();
    for (const context of config.contexts) {
      const setting = context.settings.get(this.key);
      if (setting?.value.kind !== 'array') continue;
      const keys = setting.value.elements.map((e) => e.key);
      // The entry written for a key: the last one among the assignments that built this value.
      const elements = setting.origins.flatMap((o) => {
        const node = this.assignments.get(rangeKey(o));
        return node?.value.type === 'ArrayLiteral' ? node.value.elements : [];
      });
      // Loops, not slice/filter per key: every block of a big config has its own copy of the list.
      for (let k = 0; k < keys.length; k++) {
        const lateKey = keys[k];
        if (lateKey === null || lateKey === undefined) continue;
        const earlyKey = firstPrefix(keys, k, lateKey);
        if (earlyKey === undefined) continue;
        const late = lastWithKey(elements, lateKey);
        const early = lastWithKey(elements, earlyKey);
        if (!late || !early || seen.has(late)) continue;
        seen.add(late);
        out.push({ late, lateKey, early, earlyKey });
      }
    }
    return out;
  }
}

/** The first of `keys[0 … end)` that is a proper prefix of `key`. */
function firstPrefix(keys: readonly (string | null)[], end: number, key: string): string | undefined {
  for (let i = 0; i < end; i++) {
    const candidate = keys[i];
    if (candidate !== null && candidate !== undefined && candidate !== key && key.startsWith(candidate)) return candidate;
  }
  return undefined;
}

/** The last of `elements` written with this key. */
function lastWithKey(elements: readonly ArrayElement[], key: string): ArrayElement | undefined {
  for (let i = elements.length - 1; i >= 0; i--) if (elementKey(elements[i]!) === key) return elements[i];
  return undefined;
}

/**
 * The whole visitor of a rule reporting shadowed entries of list directive `key` (messages `shadowed` with
 * `{late}`/`{early}`, and `swap`, the title of an unsafe fix that swaps two entries of the same list). Needs the
 * evaluated configuration.
 */
export function shadowedPrefixVisitor(ctx: RuleContext<'shadowed' | 'swap'>, key: string): Visitor {
  const finder = new PrefixShadowFinder(key);
  return {
    Assignment(node) {
      finder.add(node);
    },
    'Document:exit'(doc) {
      // The lists are complete once the main file (and everything it includes) has been read.
      if (doc.file !== ctx.mainFile || !ctx.settings) return;
      for (const { late, lateKey, early, earlyKey } of finder.find(ctx.settings)) {
        // Swapping is simple only inside one list; across blocks (`+=` in a condition) the user must decide.
        const sameList = late.parent === early.parent;
        ctx.report({
          node: late.key ?? late,
          messageId: 'shadowed',
          data: { late: lateKey, early: earlyKey },
          related: [{ node: early.key ?? early, message: 'matches first' }],
          // Unsafe: the entry starts to take effect.
          ...(sameList
            ? { fix: { messageId: 'swap' as const, safe: false, edits: [ctx.replace(early, ctx.sourceText(late)), ctx.replace(late, ctx.sourceText(early))] } }
            : {}),
        });
      }
    },
  };
}
