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
      const elementFor = (key: string) => elements.filter((e) => elementKey(e) === key).at(-1);
      keys.forEach((lateKey, k) => {
        if (lateKey === null) return;
        const earlyKey = keys.slice(0, k).find((e): e is string => e !== null && e !== lateKey && lateKey.startsWith(e));
        if (earlyKey === undefined) return;
        const late = elementFor(lateKey);
        const early = elementFor(earlyKey);
        if (!late || !early || seen.has(late)) return;
        seen.add(late);
        out.push({ late, lateKey, early, earlyKey });
      });
    }
    return out;
  }
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
