import type { Assignment, Branch } from '@lhconf/parser';
import { defineRule } from '../../define-rule.js';
import { canonicalKey, constantValue, enclosingBranches, isInCondition } from '../../util/ast.js';

/** A `$HTTP["url"]` condition that selects version-control directories or every dot-file (`/\.git`, `/\.`). */
function selectsVcs(branch: Branch): boolean {
  const c = branch.condition;
  if (!c || c.object.name !== 'HTTP' || constantValue(c.field) !== 'url' || c.operator.value === '!=' || c.operator.value === '!~') return false;
  const value = String(constantValue(c.value) ?? '');
  return /git|svn|\bhg\b/i.test(value) || /\/\\?\.(?:$|[^a-z*+])/i.test(value) || value.includes('/\\.') || value.includes('/.');
}

/** The string entries of a url.access-deny value. */
function deniedSuffixes(node: Assignment): string[] {
  if (node.value.type !== 'ArrayLiteral') return [];
  return node.value.elements.flatMap((e) => (e.key === null && typeof constantValue(e.value) === 'string' ? [String(constantValue(e.value))] : []));
}

export default defineRule({
  id: 'require-deny-vcs',
  description: 'Require denying version-control directories (.git, .svn, .hg) and editor backups (`~`) under the document root',
  severity: 'warning',
  needs: 'evaluated',
  messages: {
    missing:
      'Nothing denies {what}: a .git directory or a "config.php~" left under the document root is served as a plain file, handing out source code, history and passwords. Add url.access-deny = ( "~", ".bak", ".inc" ) and $HTTP["url"] =~ "/\\.(git|svn|hg)(/|$)" { url.access-deny = ( "" ) }.',
  },
  create(ctx) {
    let root: Assignment | undefined;
    let vcs = false;
    const suffixes = new Set<string>();
    return {
      Assignment(node) {
        const key = canonicalKey(node.key.name);
        if (key === 'server.document-root' && !isInCondition(node, ctx.parentOf)) root ??= node;
        if (key !== 'url.access-deny') return;
        const denied = deniedSuffixes(node);
        if (enclosingBranches(node, ctx.parentOf).some(selectsVcs) && denied.length > 0) vcs = true;
        // A suffix list set in the global scope applies to every request (mod_access.c: suffix of the path).
        if (!isInCondition(node, ctx.parentOf)) for (const s of denied) suffixes.add(s);
      },
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile || !root) return;
        // "" denies everything: nothing is served at all.
        if (suffixes.has('')) return;
        const backups = suffixes.has('~');
        const what = [vcs ? '' : 'version-control directories (.git, .svn, .hg)', backups ? '' : 'editor backups ("~")'].filter(Boolean).join(' or ');
        if (what === '') return;
        ctx.report({ node: root, messageId: 'missing', data: { what } });
      },
    };
  },
});
