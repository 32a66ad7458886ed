export { createServer, startServer } from './server.js';
export { ServerContext, type LintOutcome, type ServerOptions } from './context.js';
export { lintDocument, toLspDiagnostic } from './diagnostics.js';
export { ParseCache, type ParsedDocument } from './documents.js';
export { SERVER_NODE_FLAGS, startWithServerFlags } from './node-flags.js';
