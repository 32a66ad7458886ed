import type { Argv, CommandModule } from 'yargs';

/** `lhconf lsp` takes no options; `--stdio`, which editors' LSP clients tend to add, is accepted. */
export interface LspArgs {
  stdio?: boolean;
}

/**
 * `lhconf lsp`: runs the language server (@lhconf/language-server) on stdin/stdout until the editor
 * disconnects. Loaded on demand so that the other commands do not pay for it.
 */
export const lspCommand: CommandModule<object, LspArgs> = {
  command: 'lsp',
  describe: 'Run the language server on stdin/stdout (for editors)',
  builder: (yargs: Argv<object>) =>
    yargs.option('stdio', { type: 'boolean', describe: 'talk LSP over stdin/stdout (the default and only transport)' }) as unknown as Argv<LspArgs>,
  handler: async () => {
    const { startServer, startWithServerFlags } = await import('@lhconf/language-server');
    startWithServerFlags(() => void startServer());
  },
};
