import { defineRule } from '../../define-rule.js';

// The linter itself reports these after applying `# lhconf-disable…` comments (linter.ts, reportUnused):
// whether a suppression was needed is only known once every other rule has run.
export default defineRule({
  id: 'no-unused-disable',
  description: 'Disallow `# lhconf-disable…` comments that suppress nothing',
  severity: 'warning',
  fixable: 'safe',
  messages: {
    unused: '"{directive} {rule}" suppresses nothing here; remove it so it cannot hide a future problem.',
    unusedAll: '"{directive}" suppresses nothing here; remove it so it cannot hide a future problem.',
    unknownRule: '"{rule}" in "{directive}" is not an lhconf rule.',
    removedRule: '"{rule}" in "{directive}" names a rule lhconf removed in favour of {replacements}, so it suppresses nothing; name those instead.',
    remove: 'Remove the unused suppression comment',
  },
  create() {
    return {};
  },
});
