import { defineRule } from '../../define-rule.js';

export default defineRule({
  id: 'require-document-root',
  description: 'Require server.document-root in the global scope, without which lighttpd refuses to start',
  severity: 'error',
  fatal: true,
  needs: 'evaluated',
  docs: { lighttpdMessage: 'server.document-root is not set' },
  messages: {
    missing:
      'server.document-root is not set in the global scope{where}: lighttpd refuses to start ("server.document-root is not set"). Set it, or, if this file is included by another, lint that one (or pass it with --root).',
    missingStandalone:
      'server.document-root is not set in the global scope{where}: lighttpd refuses to start ("server.document-root is not set"). This file is linted as a whole configuration (standalone): set it here or in a file it includes.',
  },
  create(ctx) {
    return {
      'Document:exit'(node) {
        if (node.file !== ctx.mainFile || !ctx.settings) return;
        // A snippet (conf.d/*.conf) linted alone is no whole config: unless the file is known to be whole
        // (standalone), only one that sets the module list outright (`server.modules = (…)`, not `+=`) is
        // taken for a main config lighttpd must be able to start.
        const setsModules = () => node.body.some((s) => s.type === 'Assignment' && s.operator.value === '=' && s.key.name.toLowerCase() === 'server.modules');
        if (!ctx.standalone && !setsModules()) return;
        // configfile.c config_set_defaults: only the global value counts; a host block's does not stand in for it.
        const root = ctx.settings.root.settings.get('server.document-root');
        if (root?.value.kind === 'string' && root.value.value !== '') return;
        const inBlock = ctx.settings.contexts.some((c) => c !== ctx.settings!.root && c.settings.has('server.document-root'));
        ctx.report({
          range: { file: node.file, start: node.range.start, end: node.range.start },
          // Standalone, the file is what lighttpd is started with: pointing at an including file would mislead.
          messageId: ctx.standalone ? 'missingStandalone' : 'missing',
          data: { where: root ? ' (it is empty)' : inBlock ? ' (only in conditions)' : '' },
        });
      },
    };
  },
});
