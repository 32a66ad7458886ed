import { defineRule } from '../../define-rule.js';

/** The evaluator's findings this rule reports, by its messageId (semanticMessages in @lhconf/parser). */
const evaluatorIds = { 'invalid-regex': 'invalid', 'too-many-captures': 'tooManyCaptures' } as const;

export default defineRule({
  id: 'no-invalid-regex',
  description: 'Disallow condition regexes that PCRE2 rejects or that have more than 9 capturing groups',
  severity: 'error',
  fatal: true,
  needs: 'evaluated',
  // The evaluator compiles every =~ / !~ pattern the way lighttpd does (one PCRE2 check, in the evaluator);
  // this rule makes its findings configurable and suppressible, and available to lintText.
  supersedes: Object.keys(evaluatorIds),
  docs: { lighttpdMessage: 'pcre2_compile: %s at offset %d, regex: %s' },
  messages: {
    invalid: '{detail}',
    tooManyCaptures: '{detail}',
  },
  create(ctx) {
    return {
      'Document:exit'(doc) {
        for (const d of ctx.settings?.diagnostics ?? []) {
          const messageId = evaluatorIds[d.messageId as keyof typeof evaluatorIds];
          if (!messageId || d.range.file !== doc.file) continue;
          ctx.report({ range: d.range, messageId, data: { detail: d.message } });
        }
      },
    };
  },
});
