import { hasFeature, type Branch, type Keyword, type TextEdit } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';

export default defineRule({
  id: 'no-deprecated-if-syntax',
  description: 'Disallow `if`, `else if` and `elif` before conditions when the target lighttpd predates them',
  severity: 'error',
  locality: 'statement',
  fatal: true,
  fixable: 'safe',
  // The parser reports the same keywords as syntax errors; this rule adds the fix and a rule id.
  supersedes: ['needs-newer-version'],
  messages: {
    keyword: '"{keyword}" before a condition needs lighttpd 1.4.74 or newer; lighttpd {target} refuses to start on it.',
    dropIf: 'Remove "if"',
    useElse: 'Write "else" instead of "{keyword}"',
  },
  create(ctx) {
    return {
      Branch(node: Branch) {
        // `if`, `elif`, `elsif`, `elseif` and `else if` arrived together in 1.4.74 (configfile.c:2167-2186).
        if (hasFeature(ctx.targetVersion, 'ifElseIfKeywords')) return;
        for (const keyword of node.keywords) {
          if (keyword.value === 'else') continue;
          const data = { keyword: keyword.value, target: ctx.targetVersion };
          // Same meaning in every release that knows both spellings: `if` is skipped, the others mean `else`.
          const fix =
            keyword.value === 'if'
              ? { messageId: 'dropIf' as const, safe: true, edits: [removeKeyword(keyword, node)] }
              : { messageId: 'useElse' as const, safe: true, edits: [ctx.replace(keyword, 'else')] };
          ctx.report({ node: keyword, messageId: 'keyword', data, fix });
        }

        /** Removes `if` and the blanks after it, up to the condition. */
        function removeKeyword(keyword: Keyword, branch: Branch): TextEdit {
          const end = branch.condition?.range.start ?? keyword.range.end;
          return ctx.remove({ file: keyword.range.file, start: keyword.range.start, end });
        }
      },
    };
  },
});
